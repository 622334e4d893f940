import {
  consumerGroupTopics,
  parkedRecord,
  parseDeadLetterTopic,
  readParking,
  readReplayMarker,
  replayMarker,
  replayedRecord,
} from '../src';

describe('the dead-letter topics of a consumer group', () => {
  it('are named after the consumed topic and the group, and read back', () => {
    expect(consumerGroupTopics('campaign.lifecycle.v1', 'messaging')).toEqual({
      deadLetters: 'campaign.lifecycle.v1.dlt.messaging',
      retries: 'campaign.lifecycle.v1.retry.messaging',
    });
    expect(parseDeadLetterTopic('campaign.lifecycle.v1.dlt.messaging')).toEqual({
      topic: 'campaign.lifecycle.v1',
      groupId: 'messaging',
    });
    expect(parseDeadLetterTopic('campaign.lifecycle.v1')).toBeNull();
    expect(parseDeadLetterTopic('campaign.lifecycle.v1.retry.messaging')).toBeNull();
  });

  it('refuse a group whose name makes no topic name', () => {
    expect(() => consumerGroupTopics('campaign.lifecycle.v1', 'my group')).toThrow('my group');
  });
});

describe('a parked record', () => {
  const original = {
    key: Buffer.from('campaign-1'),
    value: Buffer.from([0x7b, 0x00, 0xff, 0x7d]),
    headers: { 'event-id': Buffer.from('e-1'), 'event-type': Buffer.from('InfluencerInvited') },
  };
  const parking = {
    topic: 'campaign.lifecycle.v1',
    partition: 3,
    offset: '42',
    groupId: 'messaging',
    reason: 'Error 22021: invalid byte sequence',
    attempts: 5,
    at: new Date('2026-11-25T10:00:00.000Z'),
  };

  it('keeps the original key, value and headers, and says where from and why', () => {
    const parked = parkedRecord(original, parking);
    expect(parked.key).toBe(original.key);
    expect(parked.value).toBe(original.value);
    expect(parked.headers).toMatchObject(original.headers);
    expect(readParking(parked.headers)).toEqual(parking);
  });

  it('goes back to its group as the original record, naming what it replays', () => {
    // As the dead-letter topic gives it back: the same bytes, the parking's headers added.
    const parked = { ...original, headers: parkedRecord(original, parking).headers };
    const replayed = replayedRecord(parked, { topic: 'dlt', partition: 0, offset: '7' });
    expect(replayed.key).toBe(original.key);
    expect(replayed.value).toBe(original.value);
    expect(replayed.headers).toEqual({ ...original.headers, 'replayed-from': 'dlt:0:7' });
    expect(readParking(replayed.headers)).toBeNull();
  });

  it('is marked replayed by a record of its own, which is no parked record', () => {
    const at = new Date('2026-11-26T09:00:00.000Z');
    const marker = replayMarker({ partition: 0, offset: '7' }, at);
    expect(readReplayMarker(marker.headers)).toEqual({ partition: 0, offset: '7', at });
    expect(readParking(marker.headers)).toBeNull();
    expect(readReplayMarker(parkedRecord(original, parking).headers)).toBeNull();
  });
});
