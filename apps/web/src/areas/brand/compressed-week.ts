/**
 * The compressed week for demos: the product's days become minutes (day N starts N-1 minutes after
 * publishing), so a whole campaign runs in about seven minutes.
 */
const DAY = 60;
export const compressedWeek = {
  storyDelaySeconds: 5,
  newsletterTimeUtc: '18:00',
  selectionReminderAfterSeconds: 4 * DAY,
  closeAfterSeconds: 6 * DAY,
  agreementWindowSeconds: 3 * DAY,
  agreementReminderBeforeSeconds: DAY,
};
