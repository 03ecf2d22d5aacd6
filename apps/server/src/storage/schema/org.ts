import type { NullableTimestamp, Timestamp } from './column-types.ts';

/** Sites (branches, dealers, franchisees), teams/departments and who belongs to them. */
export interface OrgTables {
  sites: {
    id: string;
    name: string;
    code: string;
    time_zone: string;
    created_at: Timestamp;
    archived_at: NullableTimestamp;
  };
  teams: {
    id: string;
    site_id: string | null;
    name: string;
    /** `frontline` handles customers; `department` answers internal tasks (warehouse, billing…). */
    kind: string;
    created_at: Timestamp;
    archived_at: NullableTimestamp;
  };
  team_members: {
    team_id: string;
    user_id: string;
    created_at: Timestamp;
  };
}
