import { useId, useState } from 'react';
import { campaignApi, messagingApi } from '../../api/clients';
import { problemText } from '../../api/problem';
import { Notice } from '../../ui/Field';
import { ShowMore } from '../../ui/ShowMore';
import { useLoad } from '../../ui/use-load';

/**
 * The group once the collaboration has started: names and shipping addresses (the API shows them
 * to the brand only now), the Excel file of the addresses, and one message to all of them.
 */
export function Collaborators({ campaignId, title }: { campaignId: string; title: string }) {
  const { data, error: loadError } = useLoad(
    () =>
      campaignApi.GET('/campaigns/{campaignId}/collaborations', {
        params: { path: { campaignId } },
      }),
    [campaignId],
  );
  const [error, setError] = useState<string>();
  const [success, setSuccess] = useState<string>();
  const [busy, setBusy] = useState(false);
  const messageId = useId();

  // The file needs the bearer token, so it is fetched, then handed to the browser as a download.
  const download = async () => {
    const { data: file, error: refusal } = await campaignApi.GET(
      '/campaigns/{campaignId}/collaborations/addresses.xlsx',
      { params: { path: { campaignId } }, parseAs: 'blob' },
    );
    if (!file) return setError(problemText(refusal));
    const url = URL.createObjectURL(file as Blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `${title.replace(/[^\p{L}\p{N} _-]/gu, '').trim() || 'campaign'} addresses.xlsx`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <section aria-labelledby="collaborators-title">
      <h2 id="collaborators-title">Collaborators</h2>
      {loadError && <p role="alert">{loadError}</p>}
      <p>
        <button type="button" onClick={() => void download()}>
          Download addresses (Excel)
        </button>
      </p>
      {data && (
        <ShowMore
          items={data.items}
          label="Collaborators"
          render={(member) => (
            <li key={member.influencerId} className="card">
              <h3>
                {member.name} <span className="meta">{member.handle}</span>
              </h3>
              {member.shippingAddress ? (
                <address>
                  {member.shippingAddress.street}
                  <br />
                  {[member.shippingAddress.postcode, member.shippingAddress.city]
                    .filter(Boolean)
                    .join(' ')}
                  <br />
                  {member.shippingAddress.country}
                </address>
              ) : (
                <p className="meta">No shipping address given yet.</p>
              )}
            </li>
          )}
        />
      )}
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const body = String(new FormData(form).get('body') ?? '');
          setBusy(true);
          const { data: sent, error: refusal } = await messagingApi.POST(
            '/campaigns/{campaignId}/group-messages',
            { params: { path: { campaignId } }, body: { body } },
          );
          setBusy(false);
          if (!sent) return setError(problemText(refusal));
          setError(undefined);
          setSuccess(`Sent to all ${sent.recipients} collaborators.`);
          form.reset();
        }}
      >
        <div className="field">
          <label htmlFor={messageId}>Message to the whole group</label>
          <textarea id={messageId} name="body" required rows={3} maxLength={5000} />
        </div>
        <button type="submit" disabled={busy}>
          Send to the group
        </button>
      </form>
      <Notice error={error} success={success} />
    </section>
  );
}
