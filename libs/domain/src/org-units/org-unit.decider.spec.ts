import { runDecider } from '../shared/decider';
import { catchDomainError } from '../shared/domain-error';
import type { OrgUnitCommand } from './org-unit.commands';
import { orgUnitDecider } from './org-unit.decider';
import type { OrgUnitEvent, UnitRegistered } from './org-unit.events';

const when = (given: OrgUnitEvent[], command: OrgUnitCommand) => runDecider(orgUnitDecider, given, command);
const rejection = (given: OrgUnitEvent[], command: OrgUnitCommand) => catchDomainError(() => when(given, command));

const registered: UnitRegistered = {
  type: 'UnitRegistered',
  data: {
    unitId: 'xa-ban-hon',
    parentId: 'huyen-tam-duong',
    level: 'xa',
    kind: 'DANG_UY_XA',
    canonicalName: 'Bản Hòn',
    aliases: ['Bản Hon'],
    activeFrom: '2008-01-01',
  },
};
const closed: OrgUnitEvent = {
  type: 'UnitClosed',
  data: { unitId: 'xa-ban-hon', activeTo: '2025-06-30', reason: 'Sáp nhập đơn vị hành chính cấp xã', mergedInto: 'xa-moi' },
};

const rename = (newName: string): OrgUnitCommand => ({ type: 'RenameUnit', data: { newName } });
const addAlias = (alias: string): OrgUnitCommand => ({ type: 'AddAlias', data: { alias } });
const move = (newParentId: string | null): OrgUnitCommand => ({ type: 'MoveUnit', data: { newParentId } });
const close = (activeTo: string, reason = 'Giải thể', mergedInto?: string): OrgUnitCommand => ({
  type: 'CloseUnit',
  data: { activeTo, reason, ...(mergedInto ? { mergedInto } : {}) },
});
const register = (overrides: Partial<Extract<OrgUnitCommand, { type: 'RegisterUnit' }>['data']> = {}): OrgUnitCommand => ({
  type: 'RegisterUnit',
  data: {
    unitId: 'huyen-dak-glei',
    parentId: 'tinh-kon-tum',
    level: 'huyen',
    kind: 'UBND',
    canonicalName: 'Đắk Glei',
    aliases: ['Đăk Glei'],
    activeFrom: '1991-08-12',
    ...overrides,
  },
});

describe('given no unit', () => {
  it('RegisterUnit registers it with cleaned NFC names and de-duplicated aliases', () => {
    const { events, state } = when(
      [],
      register({
        canonicalName: '  \u0110a\u0306\u0301k   Glei ', // NFD, padded
        shortName: ' ĐG ',
        aliases: ['Đăk Glei', 'ĐĂK GLEI', 'Dak Glei'],
      }),
    );
    expect(events).toEqual([
      {
        type: 'UnitRegistered',
        data: {
          unitId: 'huyen-dak-glei',
          parentId: 'tinh-kon-tum',
          level: 'huyen',
          kind: 'UBND',
          canonicalName: 'Đắk Glei',
          shortName: 'ĐG',
          aliases: ['Đăk Glei', 'Dak Glei'],
          activeFrom: '1991-08-12',
        },
      },
    ]);
    expect(state).toEqual({
      status: 'active',
      unit: {
        id: 'huyen-dak-glei',
        parentId: 'tinh-kon-tum',
        level: 'huyen',
        kind: 'UBND',
        canonicalName: 'Đắk Glei',
        shortName: 'ĐG',
        aliases: ['Đăk Glei', 'Dak Glei'],
        activeFrom: '1991-08-12',
      },
    });
  });

  it('RegisterUnit accepts a root unit, a kind outside the catalogue and no aliases', () => {
    const { state } = when(
      [],
      register({
        unitId: 'tinh-lai-chau',
        parentId: null,
        level: 'tinh',
        kind: 'BAN_CHI_DAO_QCDC',
        canonicalName: 'Lai Châu',
        aliases: undefined,
      }),
    );
    expect(state).toEqual({
      status: 'active',
      unit: {
        id: 'tinh-lai-chau',
        parentId: null,
        level: 'tinh',
        kind: 'BAN_CHI_DAO_QCDC',
        canonicalName: 'Lai Châu',
        aliases: [],
        activeFrom: '1991-08-12',
      },
    });
  });

  it.each([
    ['unitId', { unitId: ' ' }],
    ['canonicalName', { canonicalName: '' }],
    ['level', { level: '  ' }],
    ['kind', { kind: '' }],
    ['aliases[1]', { aliases: ['Đăk Glei', ' '] }],
  ])('RegisterUnit rejects a blank %s with 422 FIELD_REQUIRED', (field, overrides) => {
    const error = rejection([], register(overrides));
    expect([error.code, error.httpStatus, error.details?.field]).toEqual(['FIELD_REQUIRED', 422, field]);
  });

  it('RegisterUnit rejects an invalid activeFrom with INVALID_DATE', () => {
    expect(rejection([], register({ activeFrom: '12/08/1991' })).code).toBe('INVALID_DATE');
  });

  it('RegisterUnit rejects a unit that is its own parent with UNIT_OWN_PARENT', () => {
    expect(rejection([], register({ parentId: 'huyen-dak-glei' })).code).toBe('UNIT_OWN_PARENT');
  });

  it('RegisterUnit rejects an alias equal to the name, ignoring case, with ALIAS_EQUALS_NAME', () => {
    const error = rejection([], register({ aliases: ['đắk glei'] }));
    expect([error.code, error.httpStatus]).toEqual(['ALIAS_EQUALS_NAME', 422]);
  });

  it.each([rename('Bản Hon'), addAlias('Bản Hon'), move(null), close('2025-06-30')])(
    '$type is rejected with 409 UNIT_NOT_REGISTERED',
    (command) => {
      const error = rejection([], command);
      expect([error.code, error.httpStatus]).toEqual(['UNIT_NOT_REGISTERED', 409]);
    },
  );
});

describe('given a registered unit', () => {
  it('RegisterUnit again is rejected with 409 UNIT_ALREADY_REGISTERED', () => {
    const error = rejection([registered], register({ unitId: 'xa-ban-hon' }));
    expect([error.code, error.httpStatus]).toEqual(['UNIT_ALREADY_REGISTERED', 409]);
  });

  it('RenameUnit renames it and keeps the former name as an alias', () => {
    const { events, state } = when([registered], rename(' Bản  Hòn Mới '));
    expect(events).toEqual([{ type: 'UnitRenamed', data: { unitId: 'xa-ban-hon', previousName: 'Bản Hòn', newName: 'Bản Hòn Mới' } }]);
    expect(state.status === 'active' && state.unit.canonicalName).toBe('Bản Hòn Mới');
    expect(state.status === 'active' && state.unit.aliases).toEqual(['Bản Hon', 'Bản Hòn']);
  });

  it('RenameUnit to one of its aliases promotes the alias and demotes the old name', () => {
    const { state } = when([registered], rename('Bản Hon'));
    expect(state.status === 'active' && state.unit).toMatchObject({ canonicalName: 'Bản Hon', aliases: ['Bản Hòn'] });
  });

  it('RenameUnit that only fixes the case does not keep the old spelling as an alias', () => {
    const { state } = when([registered], rename('BẢN HÒN'));
    expect(state.status === 'active' && state.unit).toMatchObject({ canonicalName: 'BẢN HÒN', aliases: ['Bản Hon'] });
  });

  it('RenameUnit to the same name is rejected with 422 UNIT_NAME_UNCHANGED', () => {
    const error = rejection([registered], rename(' Ba\u0309n Ho\u0300n '));
    expect([error.code, error.httpStatus]).toEqual(['UNIT_NAME_UNCHANGED', 422]);
  });

  it('RenameUnit to a blank name is rejected with FIELD_REQUIRED', () => {
    expect(rejection([registered], rename('  ')).code).toBe('FIELD_REQUIRED');
  });

  it('AddAlias records a spelling variant', () => {
    const { events, state } = when([registered], addAlias(' Ban Hon '));
    expect(events).toEqual([{ type: 'UnitAliasAdded', data: { unitId: 'xa-ban-hon', alias: 'Ban Hon' } }]);
    expect(state.status === 'active' && state.unit.aliases).toEqual(['Bản Hon', 'Ban Hon']);
  });

  it('AddAlias equal to the canonical name (any case) is rejected with 422 ALIAS_EQUALS_NAME', () => {
    const error = rejection([registered], addAlias('BẢN HÒN'));
    expect([error.code, error.httpStatus]).toEqual(['ALIAS_EQUALS_NAME', 422]);
  });

  it('AddAlias already recorded (any case) is rejected with 409 UNIT_ALIAS_EXISTS', () => {
    const error = rejection([registered], addAlias('bản hon'));
    expect([error.code, error.httpStatus]).toEqual(['UNIT_ALIAS_EXISTS', 409]);
  });

  it('AddAlias blank is rejected with FIELD_REQUIRED', () => {
    expect(rejection([registered], addAlias('')).code).toBe('FIELD_REQUIRED');
  });

  it('MoveUnit puts it under a new parent', () => {
    const { events, state } = when([registered], move('tinh-lai-chau'));
    expect(events).toEqual([
      { type: 'UnitMoved', data: { unitId: 'xa-ban-hon', fromParentId: 'huyen-tam-duong', toParentId: 'tinh-lai-chau' } },
    ]);
    expect(state.status === 'active' && state.unit.parentId).toBe('tinh-lai-chau');
  });

  it('MoveUnit to null makes it a root (no district level after the 2025 reform)', () => {
    const { state } = when([registered], move(null));
    expect(state.status === 'active' && state.unit.parentId).toBeNull();
  });

  it('MoveUnit to its current parent is rejected with 422 UNIT_PARENT_UNCHANGED', () => {
    const error = rejection([registered], move('huyen-tam-duong'));
    expect([error.code, error.httpStatus]).toEqual(['UNIT_PARENT_UNCHANGED', 422]);
  });

  it('MoveUnit under itself is rejected with 422 UNIT_OWN_PARENT', () => {
    expect(rejection([registered], move('xa-ban-hon')).code).toBe('UNIT_OWN_PARENT');
  });

  it('CloseUnit closes it, recording the unit it was merged into', () => {
    const { events, state } = when([registered], close('2025-06-30', ' Sáp nhập đơn vị hành chính cấp xã ', 'xa-moi'));
    expect(events).toEqual([closed]);
    expect(state).toEqual({
      status: 'closed',
      unit: {
        id: 'xa-ban-hon',
        parentId: 'huyen-tam-duong',
        level: 'xa',
        kind: 'DANG_UY_XA',
        canonicalName: 'Bản Hòn',
        aliases: ['Bản Hon'],
        activeFrom: '2008-01-01',
        activeTo: '2025-06-30',
      },
      closure: { reason: 'Sáp nhập đơn vị hành chính cấp xã', mergedInto: 'xa-moi' },
    });
  });

  it('CloseUnit on the day it became active is accepted (one-day unit)', () => {
    const { events } = when([registered], close('2008-01-01'));
    expect(events).toEqual([{ type: 'UnitClosed', data: { unitId: 'xa-ban-hon', activeTo: '2008-01-01', reason: 'Giải thể' } }]);
  });

  it('CloseUnit before activeFrom is rejected with 422 UNIT_CLOSE_BEFORE_ACTIVE_FROM', () => {
    const error = rejection([registered], close('2007-12-31'));
    expect([error.code, error.httpStatus]).toEqual(['UNIT_CLOSE_BEFORE_ACTIVE_FROM', 422]);
    expect(error.details).toEqual({ unitId: 'xa-ban-hon', activeFrom: '2008-01-01', activeTo: '2007-12-31' });
  });

  it('CloseUnit without a reason is rejected with 422 UNIT_CLOSE_REASON_REQUIRED', () => {
    const error = rejection([registered], close('2025-06-30', '  '));
    expect([error.code, error.httpStatus]).toEqual(['UNIT_CLOSE_REASON_REQUIRED', 422]);
  });

  it('CloseUnit merged into itself is rejected with 422 UNIT_MERGED_INTO_ITSELF', () => {
    expect(rejection([registered], close('2025-06-30', 'Sáp nhập', 'xa-ban-hon')).code).toBe('UNIT_MERGED_INTO_ITSELF');
  });

  it('CloseUnit with an invalid date is rejected with INVALID_DATE', () => {
    expect(rejection([registered], close('30/06/2025')).code).toBe('INVALID_DATE');
  });
});

describe('given a closed unit', () => {
  it.each([rename('Bản Hòn Mới'), addAlias('Ban Hon'), move(null), close('2025-07-01')])(
    '$type is rejected with 409 UNIT_CLOSED',
    (command) => {
      const error = rejection([registered, closed], command);
      expect([error.code, error.httpStatus]).toEqual(['UNIT_CLOSED', 409]);
      expect(error.details).toMatchObject({ unitId: 'xa-ban-hon', activeTo: '2025-06-30' });
    },
  );

  it('RegisterUnit is rejected with UNIT_ALREADY_REGISTERED', () => {
    expect(rejection([registered, closed], register({ unitId: 'xa-ban-hon' })).code).toBe('UNIT_ALREADY_REGISTERED');
  });
});
