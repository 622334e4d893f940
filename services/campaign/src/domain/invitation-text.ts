/** Fills the invitation's placeholders; anything else the brand wrote stays as written. */
export function invitationText(
  template: string,
  values: { influencer: string; campaign: string; brand: string },
): string {
  return template.replace(
    /\{(influencer|campaign|brand)\}/g,
    (_, key: keyof typeof values) => values[key],
  );
}
