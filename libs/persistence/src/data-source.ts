import { types } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { CreateEventStore1763900000000 } from './migrations/1763900000000-CreateEventStore';

import { CreateOrgUnitsReadModel1763900100000 } from './migrations/1763900100000-CreateOrgUnitsReadModel';
import { CreateCycleBoardReadModel1763900200000 } from './migrations/1763900200000-CreateCycleBoardReadModel';
import { CreateUnitFiguresReadModel1763900300000 } from './migrations/1763900300000-CreateUnitFiguresReadModel';
import { CreateAccounts1763900400000 } from './migrations/1763900400000-CreateAccounts';
import { CreateNotifications1763900500000 } from './migrations/1763900500000-CreateNotifications';
import { CreateNotificationDeliveries1763900600000 } from './migrations/1763900600000-CreateNotificationDeliveries';
import { AddFirstSubmittedAt1763900700000 } from './migrations/1763900700000-AddFirstSubmittedAt';
import { CreateNotificationReads1763901000000 } from './migrations/1763901000000-CreateNotificationReads';
import { AccountAdministration1763902000000 } from './migrations/1763902000000-AccountAdministration';
import { AssignmentsAndReviewQueue1763903000000 } from './migrations/1763903000000-AssignmentsAndReviewQueue';
import { GuardEventChain1763903700000 } from './migrations/1763903700000-GuardEventChain';
import { CreateCycleHeads1763905000000 } from './migrations/1763905000000-CreateCycleHeads';
import { CreateApprovedSubmissions1763905100000 } from './migrations/1763905100000-CreateApprovedSubmissions';
import { PagedListings1763906000000 } from './migrations/1763906000000-PagedListings';
import { BoardUnitColumns1763907200000 } from './migrations/1763907200000-BoardUnitColumns';
import { DeliveryClaimLeases1763907400000 } from './migrations/1763907400000-DeliveryClaimLeases';
import { CreateReceivedReports1763907500000 } from './migrations/1763907500000-CreateReceivedReports';
import { DropUnitFigures1763907600000 } from './migrations/1763907600000-DropUnitFigures';
import { CycleBoardCounts1763907700000 } from './migrations/1763907700000-CycleBoardCounts';
import { SharedLoginLimits1763907900000 } from './migrations/1763907900000-SharedLoginLimits';
import { FailedDeliveriesIndex1763908000000 } from './migrations/1763908000000-FailedDeliveriesIndex';
import { CycleCountsAssigned1763908100000 } from './migrations/1763908100000-CycleCountsAssigned';
import { NotificationsDispatched1763908800000 } from './migrations/1763908800000-NotificationsDispatched';
import { CreateReportHeads1764300000000 } from './migrations/1764300000000-CreateReportHeads';
import { ApprovedFiguresCompact1764300100000 } from './migrations/1764300100000-ApprovedFiguresCompact';
import { ReportDeliveriesOrder1764400000000 } from './migrations/1764400000000-ReportDeliveriesOrder';
import { ReceiptReads1764500000000 } from './migrations/1764500000000-ReceiptReads';
import { AccountLookups1764600000000 } from './migrations/1764600000000-AccountLookups';
import { BulkLoadStatistics1764600100000 } from './migrations/1764600100000-BulkLoadStatistics';

export const MIGRATIONS = [
  CreateEventStore1763900000000,
  CreateOrgUnitsReadModel1763900100000,
  CreateCycleBoardReadModel1763900200000,
  CreateUnitFiguresReadModel1763900300000,
  CreateAccounts1763900400000,
  CreateNotifications1763900500000,
  CreateNotificationDeliveries1763900600000,
  AddFirstSubmittedAt1763900700000,
  CreateNotificationReads1763901000000,
  AccountAdministration1763902000000,
  AssignmentsAndReviewQueue1763903000000,
  GuardEventChain1763903700000,
  CreateCycleHeads1763905000000,
  CreateApprovedSubmissions1763905100000,
  PagedListings1763906000000,
  BoardUnitColumns1763907200000,
  DeliveryClaimLeases1763907400000,
  CreateReceivedReports1763907500000,
  DropUnitFigures1763907600000,
  CycleBoardCounts1763907700000,
  SharedLoginLimits1763907900000,
  FailedDeliveriesIndex1763908000000,
  CycleCountsAssigned1763908100000,
  NotificationsDispatched1763908800000,
  CreateReportHeads1764300000000,
  ApprovedFiguresCompact1764300100000,
  ReportDeliveriesOrder1764400000000,
  ReceiptReads1764500000000,
  AccountLookups1764600000000,
  BulkLoadStatistics1764600100000,
];

// `date` columns are calendar days (IsoDate 'YYYY-MM-DD'), not instants: keep pg from turning them into
// local-midnight Date objects, whose day depends on the server's time zone.
types.setTypeParser(types.builtins.DATE, (v: string) => v);

/**
 * TypeORM options. Schema changes happen only through migrations (never `synchronize`).
 * With `appRole`, every pooled connection runs as that role (`-c role=…`), so the services hold only the
 * privileges the migration granted it: SELECT and INSERT on the event store.
 */
export function dataSourceOptions(url: string, opts: { appRole?: string; poolSize?: number } = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    entities: [],
    extra: {
      max: opts.poolSize ?? 10,
      ...(opts.appRole ? { options: `-c role=${opts.appRole}` } : {}),
    },
  };
}

export async function runMigrations(url: string): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(url, { poolSize: 1 }));
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
