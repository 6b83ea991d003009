'use strict';
// Bảng theo dõi nộp báo cáo: vanilla JS, no build step. The session is the httpOnly cookie set by POST /auth/login.
(function () {
  const $ = (id) => document.getElementById(id);
  const views = ['login-view', 'password-view', 'cycles-view', 'board-view', 'report-view'];
  const state = { status: '', sort: 'name', order: 'asc' };

  function show(view) {
    views.forEach((v) => { $(v).hidden = v !== view; });
    $('error').hidden = true;
  }
  function showError(message) {
    $('error').textContent = message;
    $('error').hidden = false;
  }
  async function api(path, options) {
    const res = await fetch(path, Object.assign({ credentials: 'same-origin', headers: { 'content-type': 'application/json' } }, options || {}));
    const text = await res.text();
    const body = text ? JSON.parse(text) : undefined;
    if (res.status === 401) { showLogin(); throw Object.assign(new Error('Cần đăng nhập.'), { handled: true }); }
    if (!res.ok) throw new Error((body && body.messageVi) || ('Lỗi ' + res.status));
    return body;
  }
  const text = (el, value) => { el.textContent = value; return el; };
  const cell = (tr, value, cls) => { const td = document.createElement('td'); td.textContent = value; if (cls) td.className = cls; tr.appendChild(td); return td; };
  const dmy = (iso) => iso.slice(8, 10) + '/' + iso.slice(5, 7) + '/' + iso.slice(0, 4);
  function dmyHm(instant) {
    const local = new Date(Date.parse(instant) + 7 * 3600 * 1000).toISOString(); // giờ Việt Nam
    return dmy(local.slice(0, 10)) + ' ' + local.slice(11, 16);
  }
  const rateText = (r) => r.count + '/' + r.of + (r.percent ? ' (' + r.percent + ')' : '');

  function showLogin() {
    $('who').hidden = true;
    show('login-view');
    $('username').focus();
  }

  $('login-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    $('login-error').hidden = true;
    $('login-info').hidden = true;
    const res = await fetch('/auth/login', {
      method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: $('username').value.trim(), password: $('password').value }),
    });
    if (res.status !== 200) {
      const body = await res.json().catch(() => ({}));
      text($('login-error'), res.status === 401 ? 'Sai tên đăng nhập hoặc mật khẩu.' : (body.messageVi || 'Không đăng nhập được.'));
      $('login-error').hidden = false;
      return;
    }
    $('password').value = '';
    route();
  });

  $('password-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    $('password-error').hidden = true;
    const res = await fetch('/auth/password', {
      method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ currentPassword: $('current-password').value, newPassword: $('new-password').value }),
    });
    if (res.status !== 204) {
      const body = await res.json().catch(() => ({}));
      text($('password-error'), body.messageVi || 'Không đổi được mật khẩu.');
      $('password-error').hidden = false;
      return;
    }
    $('current-password').value = '';
    $('new-password').value = '';
    text($('login-info'), 'Đã đổi mật khẩu. Vui lòng đăng nhập lại bằng mật khẩu mới.');
    $('login-info').hidden = false;
    await fetch('/auth/logout', { method: 'POST', credentials: 'same-origin' });
    showLogin();
  });

  $('logout').addEventListener('click', async () => {
    await fetch('/auth/logout', { method: 'POST', credentials: 'same-origin' });
    location.hash = '#/';
    showLogin();
  });

  async function route() {
    try {
      const me = await api('/auth/me');
      text($('who-name'), me.displayName || me.username);
      $('who').hidden = false;
      // After an administrator's reset nothing else is allowed until the user picks a new password.
      if (me.mustChangePassword) { show('password-view'); $('current-password').focus(); return; }
      const r = /^#\/cycles\/([0-9a-f-]{36})\/report/.exec(location.hash);
      const m = /^#\/cycles\/([0-9a-f-]{36})/.exec(location.hash);
      if (r) await showReport(r[1], me); else if (m) await showBoard(m[1]); else await showCycles();
    } catch (err) {
      if (!err.handled) showError(err.message);
    }
  }

  async function showCycles() {
    const cycles = await api('/cycles');
    const list = $('cycle-list');
    list.replaceChildren();
    for (const c of cycles) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = '#/cycles/' + c.id;
      a.textContent = 'Báo cáo ' + c.periodLabel + ' — ' + c.issuingBodyName;
      li.appendChild(a);
      li.appendChild(text(document.createElement('span'), ' · hạn nộp ' + dmy(c.submissionDeadline))).className = 'muted';
      list.appendChild(li);
    }
    $('cycles-empty').hidden = cycles.length > 0;
    show('cycles-view');
  }

  let currentCycle = null;
  function query() {
    const q = new URLSearchParams();
    if (state.status) q.set('status', state.status);
    q.set('sort', state.sort);
    q.set('order', state.order);
    return q.toString();
  }

  async function showBoard(cycleId) {
    if (currentCycle !== cycleId) { currentCycle = cycleId; Object.assign(state, { status: '', sort: 'name', order: 'asc' }); $('status-filter').value = ''; }
    const board = await api('/cycles/' + cycleId + '/board?' + query());
    text($('board-title'), 'Theo dõi nộp báo cáo ' + board.cycle.periodLabel);
    text($('board-sub'), board.cycle.issuingBodyName + ' · hạn nộp chung ' + dmy(board.cycle.submissionDeadline) + ' · số liệu lúc ' + dmyHm(board.now));
    const o = board.overall;
    text($('stat-completeness'), rateText(o.completeness));
    text($('stat-timeliness'), rateText(o.timeliness));
    text($('stat-overdue'), String(o.overdue));
    text($('stat-returned'), String(o.returned));
    text($('pending-line'), board.pendingLine);
    $('open-report').href = '#/cycles/' + cycleId + '/report';
    $('download-csv').href = '/cycles/' + cycleId + '/board.csv?' + query();
    $('download-xlsx').href = '/cycles/' + cycleId + '/board.xlsx?' + query();
    text($('row-count'), board.units.length + '/' + board.totalUnits + ' đơn vị');

    const rows = $('board-rows');
    rows.replaceChildren();
    for (const u of board.units) {
      const tr = document.createElement('tr');
      tr.dataset.unitId = u.unitId;
      if (u.daysLate) tr.classList.add('late');
      if (!u.expected) tr.classList.add('not-expected');
      const name = cell(tr, u.unitName);
      if (u.failedDeliveries) {
        const badge = text(document.createElement('span'), ' ✉ ' + u.failedDeliveries + ' thư lỗi');
        badge.className = 'badge failed-mail';
        badge.title = 'Thư điện tử gửi đến đơn vị không thành công';
        name.appendChild(badge);
      }
      cell(tr, u.unitKindLabel);
      cell(tr, u.levelLabel);
      const st = cell(tr, '');
      st.appendChild(text(document.createElement('span'), u.statusLabel)).className = 'badge s-' + u.status;
      cell(tr, dmy(u.effectiveDeadline));
      cell(tr, u.daysLate === null ? '?' : String(u.daysLate), 'num');
      cell(tr, u.lastActivityAt ? dmyHm(u.lastActivityAt) : '—');
      rows.appendChild(tr);
    }
    document.querySelectorAll('#board-table th[data-sort]').forEach((th) => {
      th.classList.remove('sorted-asc', 'sorted-desc');
      if (th.dataset.sort === state.sort) th.classList.add('sorted-' + state.order);
    });
    failedDeliveries(board.failedDeliveries || []);
    groups($('by-kind'), 'Loại tổ chức', board.byKind);
    groups($('by-level'), 'Cấp', board.byLevel);
    show('board-view');
  }

  const REPORT_STATUS = { none: 'Chưa có dự thảo', drafting: 'Đang dự thảo', signed: 'Đã ký', numbered: 'Đã cấp số', distributed: 'Đã phát hành', recalled: 'Đã thu hồi' };
  let reportState = null;

  // Báo cáo tổng hợp: the latest version passage by passage with Thường trực's comments; comment and sign by role.
  async function showReport(cycleId, me) {
    // Fetch everything first, then update the page in one go (no half-updated page between two requests).
    const report = await api('/cycles/' + cycleId + '/report');
    const version = report.status === 'none' ? null
      : await api('/cycles/' + cycleId + '/report/versions/' + (report.signed ? report.signed.version : report.latestVersion));
    reportState = { cycleId: cycleId, report: report };
    $('report-back').href = '#/cycles/' + cycleId;
    text($('report-status'), REPORT_STATUS[report.status] + (report.numbered ? ' · ' + report.numbered.numberText : ''));
    $('report-docx').href = '/cycles/' + cycleId + '/report/document.docx';
    $('report-docx').hidden = report.status === 'none';
    $('report-empty').hidden = report.status !== 'none';
    const list = $('report-passages');
    list.replaceChildren();
    $('comment-passage').replaceChildren();
    if (version) {
      text($('report-title'), 'Báo cáo ' + report.document.title);
      text($('report-sub'), 'Phiên bản ' + version.version + ' · ' + (version.origin === 'consolidation' ? 'tổng hợp từ báo cáo của đơn vị' : 'đã chỉnh sửa') + ' · ' + dmyHm(version.createdAt));
      for (const p of version.passages) {
        const li = document.createElement('li');
        li.dataset.passageId = p.id;
        li.className = p.kind;
        li.appendChild(text(document.createElement('span'), p.id)).className = 'pid';
        li.appendChild(text(document.createElement('span'), p.text)).className = 'ptext';
        for (const c of report.comments.filter((x) => x.version === version.version && x.anchor.passageId === p.id)) {
          const note = text(document.createElement('span'), (c.status === 'resolved' ? '✓ ' : '') + c.author.name + ': ' + c.text);
          note.className = 'comment' + (c.status === 'resolved' ? ' resolved' : '');
          li.appendChild(note);
        }
        list.appendChild(li);
        const option = text(document.createElement('option'), p.id + ' — ' + p.text.slice(0, 60));
        option.value = p.id;
        $('comment-passage').appendChild(option);
      }
    } else {
      text($('report-title'), 'Báo cáo của kỳ');
      text($('report-sub'), '');
    }
    const roles = me.roles || [];
    $('comment-form').hidden = !(roles.includes('standing') && report.status === 'drafting' && report.cyclePhase === 'commenting');
    $('report-sign').hidden = !(roles.includes('signer') && report.status === 'drafting' && report.cyclePhase === 'signing');
    show('report-view');
  }

  $('comment-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await api('/cycles/' + reportState.cycleId + '/report/comments', { method: 'POST', body: JSON.stringify({
        version: reportState.report.latestVersion, passageId: $('comment-passage').value, text: $('comment-text').value,
      }) });
      $('comment-text').value = '';
      await route();
    } catch (err) { if (!err.handled) showError(err.message); }
  });

  $('report-sign').addEventListener('click', async () => {
    if (!window.confirm('Ký ban hành phiên bản ' + reportState.report.latestVersion + '? Sau khi ký, văn bản không thể sửa.')) return;
    try {
      await api('/cycles/' + reportState.cycleId + '/report/sign', { method: 'POST', body: JSON.stringify({ version: reportState.report.latestVersion }) });
      await route();
    } catch (err) { if (!err.handled) showError(err.message); }
  });

  function failedDeliveries(list) {
    const rows = $('failed-rows');
    rows.replaceChildren();
    for (const f of list) {
      const tr = document.createElement('tr');
      tr.dataset.notificationId = f.notificationId;
      cell(tr, f.subject);
      cell(tr, f.unitName || '—');
      cell(tr, f.recipientName);
      cell(tr, f.email);
      cell(tr, String(f.attempt), 'num');
      cell(tr, f.error);
      cell(tr, f.gaveUp ? 'Đã ngừng gửi lại' : dmyHm(f.nextAttemptAt));
      rows.appendChild(tr);
    }
    text($('failed-count'), String(list.length));
    $('failed-deliveries').hidden = list.length === 0;
  }

  function groups(table, title, list) {
    table.replaceChildren();
    const head = document.createElement('tr');
    [title, 'Đã nộp', 'Đúng hạn'].forEach((h, i) => { const th = text(document.createElement('th'), h); if (i) th.className = 'num'; head.appendChild(th); });
    table.appendChild(head);
    for (const g of list) {
      const tr = document.createElement('tr');
      cell(tr, g.label);
      cell(tr, rateText(g.completeness), 'num');
      cell(tr, rateText(g.timeliness), 'num');
      table.appendChild(tr);
    }
  }

  $('status-filter').addEventListener('change', (ev) => { state.status = ev.target.value; route(); });
  document.querySelectorAll('#board-table th[data-sort]').forEach((th) => th.addEventListener('click', () => {
    if (state.sort === th.dataset.sort) state.order = state.order === 'asc' ? 'desc' : 'asc';
    else { state.sort = th.dataset.sort; state.order = 'asc'; }
    route();
  }));

  $('copy-line').addEventListener('click', async () => {
    const line = $('pending-line').textContent;
    try {
      await navigator.clipboard.writeText(line);
    } catch {
      const ta = document.createElement('textarea');
      ta.value = line; document.body.appendChild(ta); ta.select(); document.execCommand('copy'); ta.remove();
    }
    $('copied').hidden = false;
    setTimeout(() => { $('copied').hidden = true; }, 2000);
  });

  window.addEventListener('hashchange', route);
  route();
})();
