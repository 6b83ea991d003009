/** A UUID in its text form, any case (ids of accounts, cycles and events), as a POSIX pattern PostgreSQL's `~*` takes too. */
export const UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

const UUID = new RegExp(UUID_PATTERN, 'i');

/** Whether `text` is a UUID (one of ours: a cycle's coordinatorId, a route's cycle id), before it is cast to one. */
export const isUuid = (text: string): boolean => UUID.test(text);
