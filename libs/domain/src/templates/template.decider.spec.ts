import { catchDomainError, runDecider } from '../shared';
import { BUILTIN_TEMPLATES } from './builtin-templates';
import { templateDecider, type TemplatePublished } from './template.decider';

const base = BUILTIN_TEMPLATES.find((t) => t.id === 'so-ket-chi-thi')!;
const run = (given: TemplatePublished[], command: Parameters<typeof templateDecider.decide>[0]) =>
  runDecider(templateDecider, given, command);

describe('template stream', () => {
  describe('when empty', () => {
    it('publishes version 1 on create, and refuses an edit', () => {
      const { events } = run([], { type: 'PublishTemplate', data: { mode: 'create', template: { ...base, version: 7 } } });
      expect(events.map((e) => [e.type, e.data.version, e.data.template.version])).toEqual([['TemplatePublished', 1, 1]]);
      expect(Object.isFrozen(events[0].data.template.sections)).toBe(true);
      expect(catchDomainError(() => run([], { type: 'PublishTemplate', data: { mode: 'edit', template: base } })).code).toBe(
        'TEMPLATE_NOT_FOUND',
      );
    });
    it('refuses an invalid template with every problem and its path', () => {
      const error = catchDomainError(() =>
        run([], { type: 'PublishTemplate', data: { mode: 'create', template: { ...base, sections: [{ code: 'I', title: '' }] } } }),
      );
      expect(error.code).toBe('TEMPLATE_INVALID');
      expect((error.details!.problems as { path: string; code: string }[]).map((p) => p.code)).toEqual(
        expect.arrayContaining(['SECTION_TITLE_BLANK', 'INDICATOR_SECTION_NOT_FOUND']),
      );
    });
  });
  describe('with version 1', () => {
    const v1 = run([], { type: 'PublishTemplate', data: { mode: 'create', template: base } }).events;
    it('publishes version 2 on edit and keeps version 1 as it was', () => {
      const { events, state } = run(v1, {
        type: 'PublishTemplate',
        data: { mode: 'edit', template: { ...base, title: 'Báo cáo tổng kết chỉ thị' } },
      });
      expect(events[0].data.version).toBe(2);
      expect(state.versions.map((t) => [t.version, t.title])).toEqual([
        [1, base.title],
        [2, 'Báo cáo tổng kết chỉ thị'],
      ]);
    });
    it('refuses a second create and a change of id', () => {
      expect(catchDomainError(() => run(v1, { type: 'PublishTemplate', data: { mode: 'create', template: base } })).code).toBe(
        'TEMPLATE_ALREADY_EXISTS',
      );
      expect(
        catchDomainError(() => run(v1, { type: 'PublishTemplate', data: { mode: 'edit', template: { ...base, id: 'khac' } } })).code,
      ).toBe('TEMPLATE_ID_MISMATCH');
    });
  });
});
