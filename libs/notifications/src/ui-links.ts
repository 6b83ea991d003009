/**
 * Where every link the system sends (e-mail bodies, the inbox's `link`) leads: a page of the web app under
 * /ui/, never an API route (which would open raw JSON or a 401 body). One home, so the routes change together
 * with apps/web's router.
 */
export function uiLinks(publicUrl: string) {
  const base = `${publicUrl.replace(/\/+$/, '')}/ui`;
  return {
    /** The unit's submission: the form for its reporter, the review page for a reviewer. */
    submission: (cycleId: string, unitId: string) => `${base}/cycles/${cycleId}/units/${encodeURIComponent(unitId)}`,
    /** The cycle's report (comments, sign-off, DOCX). */
    report: (cycleId: string) => `${base}/cycles/${cycleId}/report`,
    /** The cycle's board. */
    board: (cycleId: string) => `${base}/cycles/${cycleId}`,
    /** Every cycle. */
    cycles: () => `${base}/cycles`,
  };
}
