import os from 'node:os';
import { apiProcesses, apiProcessIndex, DEFAULT_MAX_PROCESSES } from './api-processes';

describe('API_PROCESSES', () => {
  it('defaults to one process per core but one (PostgreSQL and the worker share the host), at least 1, at most DEFAULT_MAX_PROCESSES', () => {
    const cores = os.availableParallelism();
    const expected = cores <= 2 ? 1 : Math.min(cores - 1, DEFAULT_MAX_PROCESSES);
    expect(apiProcesses({})).toBe(expected);
    expect(apiProcesses({ API_PROCESSES: ' ' })).toBe(expected);
  });

  it('takes a whole number of processes', () => {
    expect(apiProcesses({ API_PROCESSES: '1' })).toBe(1);
    expect(apiProcesses({ API_PROCESSES: '6' })).toBe(6);
  });

  it('refuses anything else, naming the setting', () => {
    for (const bad of ['0', '-2', '1.5', 'hai', '65']) expect(() => apiProcesses({ API_PROCESSES: bad })).toThrow(`API_PROCESSES=${bad}`);
  });

  it("a process's index comes from its primary (absent: the only process, 0)", () => {
    expect(apiProcessIndex({})).toBe(0);
    expect(apiProcessIndex({ API_PROCESS_INDEX: '1' })).toBe(1);
  });
});
