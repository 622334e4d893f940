/**
 * The image a campaign's story shows: the brand's first image when it gave any, otherwise the
 * platform's card with the campaign's title.
 */
export function storyImage(input: { imageUrls: string[]; cardUrl: string }): string {
  return input.imageUrls[0] ?? input.cardUrl;
}

/**
 * How long to wait before asking again whether the network finished processing the image: from
 * one second, doubling, at most 15 s between asks.
 */
export function processingPollDelayMs(asked: number): number {
  return Math.min(1_000 * 2 ** asked, 15_000);
}

/** How long the network may take to process a story's image before the story is given up. */
export const PROCESSING_LIMIT_MS = 5 * 60 * 1000;
