import { useEffect, useId, useRef, useState } from 'react';
import { campaignApi } from '../../api/clients';
import { problemText } from '../../api/problem';
import { Notice } from '../../ui/Field';

/**
 * The invitation to one influencer: the API's template ({influencer}, {brand} and {campaign} are
 * filled in when it is sent), edited here before sending.
 */
export function InviteForm({
  campaignId,
  influencer,
  onDone,
}: {
  campaignId: string;
  influencer: { id: string; displayName: string };
  onDone: (sentTo: string) => void;
}) {
  const [template, setTemplate] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const textId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    void campaignApi
      .GET('/campaigns/{campaignId}/invitations/template', { params: { path: { campaignId } } })
      .then(({ data, error: refusal }) =>
        // A template that arrives late never replaces what the brand has started writing.
        data ? setTemplate((edited) => edited ?? data.template) : setError(problemText(refusal)),
      );
  }, [campaignId]);
  // Keyboard users land on the form they opened.
  useEffect(() => heading.current?.focus(), [influencer.id]);
  return (
    <section aria-labelledby={`${textId}-title`} className="invite">
      <h2 id={`${textId}-title`} tabIndex={-1} ref={heading}>
        Invite {influencer.displayName}
      </h2>
      {template !== undefined && (
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            setBusy(true);
            const { data, error: refusal } = await campaignApi.POST(
              '/campaigns/{campaignId}/invitations',
              { params: { path: { campaignId } }, body: { influencerId: influencer.id, template } },
            );
            setBusy(false);
            if (!data) return setError(problemText(refusal));
            onDone(influencer.displayName);
          }}
        >
          <div className="field">
            <label htmlFor={textId}>Invitation text</label>
            <textarea
              id={textId}
              rows={8}
              required
              minLength={10}
              maxLength={5000}
              value={template}
              onChange={(event) => setTemplate(event.target.value)}
              aria-describedby={`${textId}-hint`}
            />
            <p className="hint" id={`${textId}-hint`}>
              {'{influencer}'}, {'{brand}'} and {'{campaign}'} are filled in when it is sent.
            </p>
          </div>
          <button type="submit" disabled={busy}>
            Send invitation
          </button>
        </form>
      )}
      <Notice error={error} />
    </section>
  );
}
