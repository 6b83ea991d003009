import { assertNever, type Decider } from '../shared/decider';
import { conflict, invalid } from '../shared/domain-error';
import { compareIsoDates, requireIsoDate } from '../shared/iso-date';
import { caseFoldKey, cleanText, requireNonBlank } from '../shared/text';
import type { OrgUnit } from './org-unit';
import type { AddAlias, CloseUnit, MoveUnit, OrgUnitCommand, RegisterUnit, RenameUnit } from './org-unit.commands';
import type { OrgUnitEvent } from './org-unit.events';

/** One stream per unit. */
export type OrgUnitState =
  | { status: 'unregistered' }
  | { status: 'active'; unit: OrgUnit }
  | { status: 'closed'; unit: OrgUnit; closure: { reason: string; mergedInto?: string } };

export function initialOrgUnitState(): OrgUnitState {
  return { status: 'unregistered' };
}

export function decideOrgUnit(command: OrgUnitCommand, state: OrgUnitState): OrgUnitEvent[] {
  if (command.type === 'RegisterUnit') return register(command, state);
  const unit = requireActive(state, command.type);
  switch (command.type) {
    case 'RenameUnit':
      return rename(command, unit);
    case 'AddAlias':
      return addAlias(command, unit);
    case 'MoveUnit':
      return move(command, unit);
    case 'CloseUnit':
      return close(command, unit);
    default:
      return assertNever(command, 'org unit command');
  }
}

export function evolveOrgUnit(state: OrgUnitState, event: OrgUnitEvent): OrgUnitState {
  switch (event.type) {
    case 'UnitRegistered': {
      const { unitId, shortName, ...rest } = event.data;
      const unit: OrgUnit = { id: unitId, ...rest, aliases: [...rest.aliases] };
      if (shortName !== undefined) unit.shortName = shortName;
      return { status: 'active', unit };
    }
    case 'UnitRenamed': {
      if (state.status !== 'active') return state;
      const newKey = caseFoldKey(event.data.newName);
      const previousKey = caseFoldKey(event.data.previousName);
      const aliases = state.unit.aliases.filter((a) => caseFoldKey(a) !== newKey && caseFoldKey(a) !== previousKey);
      if (previousKey !== newKey) aliases.push(event.data.previousName);
      return { status: 'active', unit: { ...state.unit, canonicalName: event.data.newName, aliases } };
    }
    case 'UnitAliasAdded':
      if (state.status !== 'active') return state;
      return { status: 'active', unit: { ...state.unit, aliases: [...state.unit.aliases, event.data.alias] } };
    case 'UnitMoved':
      if (state.status !== 'active') return state;
      return { status: 'active', unit: { ...state.unit, parentId: event.data.toParentId } };
    case 'UnitClosed': {
      if (state.status !== 'active') return state;
      const closure: { reason: string; mergedInto?: string } = { reason: event.data.reason };
      if (event.data.mergedInto !== undefined) closure.mergedInto = event.data.mergedInto;
      return { status: 'closed', unit: { ...state.unit, activeTo: event.data.activeTo }, closure };
    }
    default:
      return assertNever(event, 'org unit event');
  }
}

export const orgUnitDecider: Decider<OrgUnitCommand, OrgUnitEvent, OrgUnitState> = {
  decide: decideOrgUnit,
  evolve: evolveOrgUnit,
  initialState: initialOrgUnitState,
};

function requireActive(state: OrgUnitState, commandType: string): OrgUnit {
  switch (state.status) {
    case 'active':
      return state.unit;
    case 'unregistered':
      throw conflict('UNIT_NOT_REGISTERED', `${commandType}: the unit is not registered`, 'Đơn vị chưa được đăng ký.', {
        command: commandType,
      });
    case 'closed':
      throw conflict(
        'UNIT_CLOSED',
        `${commandType}: the unit is closed since ${state.unit.activeTo}`,
        `Đơn vị "${state.unit.canonicalName}" đã chấm dứt hoạt động từ ngày ${state.unit.activeTo}.`,
        { command: commandType, unitId: state.unit.id, activeTo: state.unit.activeTo },
      );
    default:
      return assertNever(state, 'org unit state');
  }
}

function register(command: RegisterUnit, state: OrgUnitState): OrgUnitEvent[] {
  if (state.status !== 'unregistered') {
    throw conflict(
      'UNIT_ALREADY_REGISTERED',
      `unit ${state.unit.id} is already registered`,
      `Đơn vị "${state.unit.canonicalName}" đã được đăng ký.`,
      { unitId: state.unit.id },
    );
  }
  const d = command.data;
  const unitId = requireNonBlank(d.unitId, 'unitId', 'Mã đơn vị');
  const parentId = d.parentId === null ? null : requireNonBlank(d.parentId, 'parentId', 'Đơn vị cấp trên');
  if (parentId === unitId) throw ownParent(unitId);
  const level = requireNonBlank(d.level, 'level', 'Cấp');
  const kind = requireNonBlank(d.kind, 'kind', 'Loại tổ chức');
  const canonicalName = cleanText(requireNonBlank(d.canonicalName, 'canonicalName', 'Tên đơn vị'));
  const activeFrom = requireIsoDate(d.activeFrom, 'activeFrom');
  const nameKey = caseFoldKey(canonicalName);
  const aliases: string[] = [];
  (d.aliases ?? []).forEach((raw, i) => {
    const alias = cleanText(requireNonBlank(raw, `aliases[${i}]`, 'Tên gọi khác'));
    if (caseFoldKey(alias) === nameKey) throw aliasEqualsName(alias);
    if (!aliases.some((a) => caseFoldKey(a) === caseFoldKey(alias))) aliases.push(alias);
  });
  const shortName = d.shortName === undefined ? '' : cleanText(d.shortName);
  return [
    {
      type: 'UnitRegistered',
      data: {
        unitId,
        parentId,
        level,
        kind,
        canonicalName,
        ...(shortName !== '' ? { shortName } : {}),
        aliases,
        activeFrom,
      },
    },
  ];
}

function rename(command: RenameUnit, unit: OrgUnit): OrgUnitEvent[] {
  const newName = cleanText(requireNonBlank(command.data.newName, 'newName', 'Tên mới'));
  if (newName === unit.canonicalName) {
    throw invalid('UNIT_NAME_UNCHANGED', `the unit is already named "${newName}"`, `Tên mới trùng với tên hiện tại "${newName}".`, {
      unitId: unit.id,
    });
  }
  return [{ type: 'UnitRenamed', data: { unitId: unit.id, previousName: unit.canonicalName, newName } }];
}

function addAlias(command: AddAlias, unit: OrgUnit): OrgUnitEvent[] {
  const alias = cleanText(requireNonBlank(command.data.alias, 'alias', 'Tên gọi khác'));
  if (caseFoldKey(alias) === caseFoldKey(unit.canonicalName)) throw aliasEqualsName(alias);
  if (unit.aliases.some((a) => caseFoldKey(a) === caseFoldKey(alias))) {
    throw conflict('UNIT_ALIAS_EXISTS', `alias "${alias}" is already recorded`, `Tên gọi khác "${alias}" đã có.`, {
      unitId: unit.id,
      alias,
    });
  }
  return [{ type: 'UnitAliasAdded', data: { unitId: unit.id, alias } }];
}

function move(command: MoveUnit, unit: OrgUnit): OrgUnitEvent[] {
  const raw = command.data.newParentId;
  const toParentId = raw === null ? null : requireNonBlank(raw, 'newParentId', 'Đơn vị cấp trên mới');
  if (toParentId === unit.id) throw ownParent(unit.id);
  if (toParentId === unit.parentId) {
    throw invalid('UNIT_PARENT_UNCHANGED', `the unit is already under ${String(toParentId)}`, 'Đơn vị đã trực thuộc đơn vị cấp trên này.', {
      unitId: unit.id,
      parentId: toParentId,
    });
  }
  return [{ type: 'UnitMoved', data: { unitId: unit.id, fromParentId: unit.parentId, toParentId } }];
}

function close(command: CloseUnit, unit: OrgUnit): OrgUnitEvent[] {
  const d = command.data;
  const activeTo = requireIsoDate(d.activeTo, 'activeTo');
  if (compareIsoDates(activeTo, unit.activeFrom) < 0) {
    throw invalid(
      'UNIT_CLOSE_BEFORE_ACTIVE_FROM',
      `activeTo ${activeTo} is before activeFrom ${unit.activeFrom}`,
      `Ngày chấm dứt hoạt động (${activeTo}) trước ngày bắt đầu hoạt động (${unit.activeFrom}).`,
      { unitId: unit.id, activeFrom: unit.activeFrom, activeTo },
    );
  }
  const reason = requireNonBlank(d.reason, 'reason', 'Lý do', 'UNIT_CLOSE_REASON_REQUIRED');
  const mergedInto = d.mergedInto === undefined ? undefined : requireNonBlank(d.mergedInto, 'mergedInto', 'Đơn vị sáp nhập vào');
  if (mergedInto === unit.id) {
    throw invalid('UNIT_MERGED_INTO_ITSELF', 'a unit cannot be merged into itself', 'Đơn vị không thể sáp nhập vào chính nó.', {
      unitId: unit.id,
    });
  }
  return [
    {
      type: 'UnitClosed',
      data: { unitId: unit.id, activeTo, reason, ...(mergedInto !== undefined ? { mergedInto } : {}) },
    },
  ];
}

function ownParent(unitId: string) {
  return invalid('UNIT_OWN_PARENT', 'a unit cannot be its own parent', 'Đơn vị không thể trực thuộc chính nó.', { unitId });
}

function aliasEqualsName(alias: string) {
  return invalid('ALIAS_EQUALS_NAME', `alias "${alias}" equals the canonical name`, `Tên gọi khác "${alias}" trùng với tên chính thức.`, {
    alias,
  });
}
