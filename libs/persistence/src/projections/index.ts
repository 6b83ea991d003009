import { cycleBoardProjection } from './cycle-board/cycle-board.projection';
import { orgUnitsProjection } from './org-units/org-units.projection';
import { approvedSubmissionsProjection } from './approved-submissions/approved-submissions.projection';
import { receivedReportsProjection } from './received-reports/received-reports.projection';

/** Every read model, in the order the projector runs them. */
export const PROJECTIONS = [orgUnitsProjection, cycleBoardProjection, approvedSubmissionsProjection, receivedReportsProjection];
