/** Where a story's media container is in the network's processing (the port's `ContainerStatus`). */
export type StoryContainerStatus = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';

/** Each step at the network says which try of it answered, so the story counts its attempts. */
export type Tried<T> = T & { attempt: number };

/** What the story workflow records of its progress; posted and failed are announced as events. */
export type StoryRecord = { campaignId: string; brandId: string; at: string } & (
  | { status: 'posting' }
  | {
      status: 'posted';
      eventId: string;
      mediaId: string;
      permalink: string | null;
      attempts: number;
    }
  | { status: 'failed'; eventId: string; reason: string; attempts: number }
);

/**
 * The activities the story workflow schedules. The campaign service's worker implements them
 * (`services/campaign/src/worker/story-activities.ts`) with the social network port and the
 * platform's own account; the workflow never sees the account's token.
 */
export type StoryActivities = {
  /** Stores the story's state (and, once it is settled, its event) idempotently. */
  recordStory(record: StoryRecord): Promise<void>;
  createStoryContainer(imageUrl: string): Promise<Tried<{ containerId: string }>>;
  storyContainerStatus(containerId: string): Promise<Tried<{ status: StoryContainerStatus }>>;
  publishStoryContainer(
    containerId: string,
  ): Promise<Tried<{ mediaId: string; permalink: string | null }>>;
};

/** The failure details an activity attaches, so a given-up step still counts its tries. */
export type StoryFailureDetails = { attempt: number; kind: string };
