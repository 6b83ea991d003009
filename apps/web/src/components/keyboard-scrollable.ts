/**
 * A table wider than a phone scrolls inside its own box (the clerk's receipts): that box takes the keyboard
 * focus so it can be scrolled without a mouse (WCAG 2.1.1; axe's scrollable-region-focusable).
 */
export function keyboardScrollable(root: HTMLElement | null): void {
  root?.querySelectorAll<HTMLElement>('.ant-table-content').forEach((box) => {
    if (box.scrollWidth > box.clientWidth && !box.hasAttribute('tabindex')) {
      box.tabIndex = 0;
      box.setAttribute('role', 'region');
      box.setAttribute('aria-label', 'Bảng, cuộn ngang để xem hết');
    }
  });
}
