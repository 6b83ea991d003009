import { MISSING_UNITS_LISTED, missingUnitsOf } from './missing-units';

describe('missingUnitsOf (the checks answer)', () => {
  const order = Array.from({ length: 200 }, (_, i) => `u${i}`);
  // Units 0, 5, 10, … approved, in an order other than the cycle's: 160 missing.
  const approved = order.filter((_, i) => i % 5 === 0).reverse();

  it('lists the first 50 units with no approved submission, in the cycle order, and counts all of them', () => {
    const { listed, total } = missingUnitsOf(order, approved);
    expect(total).toBe(160);
    expect(listed).toHaveLength(MISSING_UNITS_LISTED);
    expect(listed.slice(0, 5)).toEqual(['u1', 'u2', 'u3', 'u4', 'u6']);
    expect(listed.every((id) => !approved.includes(id))).toBe(true);
  });

  it('lists every one when fewer than the cap are missing, and none when all are approved', () => {
    expect(missingUnitsOf(order.slice(0, 10), approved)).toEqual({ listed: ['u1', 'u2', 'u3', 'u4', 'u6', 'u7', 'u8', 'u9'], total: 8 });
    expect(missingUnitsOf(order, order)).toEqual({ listed: [], total: 0 });
  });
});
