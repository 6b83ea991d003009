import { createCycleActivities } from '../../activities/cycle/cycle.activities';
import { loadHolidayCalendar } from '../../activities/holiday-calendar.loader';
import { createReminderActivities } from '../../activities/reminders/reminders.activities';
import { EventStore } from '@kybaocao/persistence/event-store/event-store';
import { PROJECTIONS } from '@kybaocao/persistence/projections';
import { cycleHeadQueries } from '@kybaocao/persistence/projections/cycle-heads/cycle-heads.projection';
import { Projector } from '@kybaocao/persistence/projections/projector';
import type { TestDatabase } from './db';

/** The worker's real activities (as apps/worker wires them) on a test database, for in-process test workers. */
export function realActivities(db: TestDatabase, opts: { publicUrl?: string } = {}) {
  const store = new EventStore(db.app);
  const projector = new Projector(db.app, store, PROJECTIONS);
  return {
    store,
    projector,
    activities: {
      ...createCycleActivities({
        eventStore: store,
        sql: db.app,
        now: () => new Date(),
        approvedUnitIds: (cycleId: string) => cycleHeadQueries.approvedUnitIds(db.app.manager, cycleId),
      }),
      ...createReminderActivities({
        db: db.app,
        projector,
        calendar: loadHolidayCalendar(),
        publicUrl: opts.publicUrl ?? 'http://localhost',
      }),
    },
  };
}
