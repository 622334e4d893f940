/** The public address of a campaign's story card, which the social network fetches to post it. */
export function storyCardUrl(publicUrl: string, campaignId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/story-cards/${campaignId}.jpg`;
}
