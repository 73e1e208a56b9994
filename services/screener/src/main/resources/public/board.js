// The yard board: live alerts (Server-Sent Events), acknowledgements, lots, a lot's page, models, health.
// Hand-written, no framework, nothing loaded from elsewhere. Every piece of data reaches the page through
// textContent or createTextNode (el() and svg() below): a lot id such as <script>...</script> shows as text.
'use strict';

(function () {
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const SOUND_KEY = 'reescreen.board.sound';
  const TOKEN_KEY = 'reescreen.board.operatorToken';
  const HEALTH_REFRESH_MS = 5000;
  const LOTS_REFRESH_MS = 30000;
  const OXIDES = ['SiO2', 'Al2O3', 'CaO', 'Fe2O3', 'MgO', 'Na2O', 'K2O', 'TiO2', 'P2O5', 'MnO'];
  const OXIDE_COLOURS = ['#7f7f7f', '#1f77b4', '#ff7f0e', '#d62728', '#2ca02c', '#9467bd', '#8c564b', '#e377c2',
    '#17becf', '#bcbd22'];

  // A viewer token given as ?token=... is passed on with every request (an EventSource cannot send headers).
  const viewerToken = new URLSearchParams(window.location.search).get('token');

  const $ = (id) => document.getElementById(id);

  // ---- DOM helpers: the only way text gets into the page -------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    setAttributes(node, attrs);
    append(node, children);
    return node;
  }

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG_NS, tag);
    setAttributes(node, attrs);
    append(node, children);
    return node;
  }

  function setAttributes(node, attrs) {
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'text') node.textContent = String(value);
      else node.setAttribute(name, String(value));
    }
  }

  function append(node, children) {
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  // ---- formatting: every figure with its unit ------------------------------------------------------------------
  const num = (v, digits) => (v === null || v === undefined || Number.isNaN(v)) ? '–' : Number(v).toFixed(digits);
  const ppm = (v) => num(v, v !== null && v !== undefined && Math.abs(v) < 10 ? 2 : 1);
  const prob = (p) => (p === null || p === undefined) ? '–' : num(p * 100, 0) + ' %';
  const interval = (lo, hi) => (lo === null || lo === undefined || hi === null || hi === undefined)
    ? 'interval unknown' : ppm(lo) + ' – ' + ppm(hi);
  const siteModel = (s) => (s === null || s === undefined || s === '') ? 'base' : s;

  // Made once: toLocaleTimeString with options builds a formatter per call (2,200 rows: ~300 ms against ~3 ms).
  const TIME_OF_DAY = new Intl.DateTimeFormat([], {hour: '2-digit', minute: '2-digit', second: '2-digit'});
  const CALENDAR_DAY = new Intl.DateTimeFormat([]);

  function sameLocalDay(a, b) {
    return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
  }

  function time(ms) {
    if (ms === null || ms === undefined) return '–';
    const d = new Date(ms);
    const hm = TIME_OF_DAY.format(d);
    return sameLocalDay(d, new Date()) ? hm : CALENDAR_DAY.format(d) + ' ' + hm;
  }

  function lotHref(lotId) {
    return '#/lots/' + encodeURIComponent(lotId);
  }

  function withViewerToken(path) {
    if (!viewerToken) return path;
    return path + (path.includes('?') ? '&' : '?') + 'token=' + encodeURIComponent(viewerToken);
  }

  async function getJson(path) {
    const response = await fetch(withViewerToken(path), {headers: {'Accept': 'application/json'}});
    if (!response.ok) {
      const error = new Error('GET ' + path + ': HTTP ' + response.status);
      error.status = response.status;
      throw error;
    }
    return response.json();
  }

  // ---- sound: a short beep through WebAudio, switched off and on by the operator (remembered) ------------------
  const sound = {
    context: null,
    on() { return localStorage.getItem(SOUND_KEY) !== 'off'; },
    set(on) {
      localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
      if (on) this.unlock();
    },
    unlock() {
      // Browsers start audio only after a user gesture; the switch's click is one.
      try {
        if (!this.context) this.context = new (window.AudioContext || window.webkitAudioContext)();
        if (this.context.state === 'suspended') this.context.resume();
      } catch (e) {
        this.context = null;
      }
    },
    beep() {
      if (!this.on() || !this.context || this.context.state !== 'running') return;
      const osc = this.context.createOscillator();
      const gain = this.context.createGain();
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.2, this.context.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, this.context.currentTime + 0.4);
      osc.connect(gain).connect(this.context.destination);
      osc.start();
      osc.stop(this.context.currentTime + 0.4);
    },
  };

  function setUpSoundSwitch() {
    const box = $('sound');
    box.checked = sound.on();
    box.addEventListener('change', () => sound.set(box.checked));
    // Any first click on the page may unlock audio, so the first alert after it can be heard.
    document.addEventListener('click', () => { if (sound.on()) sound.unlock(); }, {once: true});
  }

  // ---- alerts ----------------------------------------------------------------------------------------------------
  const alerts = new Map(); // alertId -> {alert, node}

  function attributionBars(attributions, limit) {
    const list = (attributions || []).slice()
      .sort((a, b) => Math.abs(b.contributionPpmMol) - Math.abs(a.contributionPpmMol))
      .slice(0, limit || 100);
    const largest = Math.max(1e-9, ...list.map((a) => Math.abs(a.contributionPpmMol)));
    const rows = list.map((a) => {
      const share = Math.abs(a.contributionPpmMol) / largest;
      const bar = el('span', {class: 'bar ' + (a.contributionPpmMol >= 0 ? 'up' : 'down')});
      bar.style.width = (share * 50).toFixed(1) + '%';
      if (a.contributionPpmMol < 0) bar.style.right = '50%';
      else bar.style.left = '50%';
      return el('li', {class: 'attribution'},
        el('span', {class: 'feature', text: a.feature}),
        el('span', {class: 'track'}, el('span', {class: 'axis'}), bar),
        el('span', {class: 'value', text: (a.contributionPpmMol >= 0 ? '+' : '') + ppm(a.contributionPpmMol)}));
    });
    return el('ol', {class: 'attributions', 'aria-label': 'attributions in ppm mol'}, rows);
  }

  function ackLine(ack) {
    if (!ack) return null;
    return el('p', {class: 'ack-line'},
      'acknowledged by ', el('strong', {text: ack.operator}), ' at ' + time(ack.acknowledgedAtMs),
      ack.note ? el('span', {class: 'note', text: ' — ' + ack.note}) : null);
  }

  function alertCard(a) {
    const high = a.transition === 'BECAME_LIKELY_HIGH';
    const card = el('li', {class: 'alert ' + (high ? 'high' : 'cleared') + (a.ack ? ' acked' : ''),
      'data-alert-id': a.alertId, 'data-lot-id': a.lotId});
    const ackButton = el('button', {type: 'button', class: 'ack-button', text: 'Acknowledge'});
    ackButton.addEventListener('click', () => openAckDialog(a.alertId));
    if (a.ack) ackButton.hidden = true;
    append(card, [
      el('div', {class: 'alert-head'},
        el('a', {class: 'lot-id', href: lotHref(a.lotId), text: a.lotId}),
        el('span', {class: 'site', text: a.siteId || 'no site'}),
        el('span', {class: 'transition', text: high ? 'likely HIGH' : 'no longer likely high'}),
        el('time', {class: 'when', text: time(a.raisedAtMs)})),
      el('div', {class: 'alert-figures'},
        el('span', {class: 'total'}, el('strong', {text: ppm(a.totalReeMeanPpmMol)}), ' ppm mol total REE'),
        el('span', {class: 'interval', text: '90 %: ' + interval(a.totalReeP05PpmMol, a.totalReeP95PpmMol) + ' ppm mol'}),
        el('span', {class: 'prob', text: 'P(high) ' + prob(a.probHigh)}),
        a.thresholdTotalReePpmMol !== null && a.thresholdTotalReePpmMol !== undefined
          ? el('span', {class: 'threshold', text: 'threshold ' + ppm(a.thresholdTotalReePpmMol) + ' ppm mol'}) : null,
        a.outOfDomain ? el('span', {class: 'flag', text: 'out of domain'}) : null),
      attributionBars(a.attributions, 4),
      el('div', {class: 'alert-foot'},
        el('span', {class: 'model', text: 'model ' + (a.modelVersion || '–') + ' · site model ' + siteModel(a.modelSiteId)}),
        el('span', {class: 'readings', text: (a.readingCount ?? '–') + ' readings'}),
        a.reason ? el('span', {class: 'reason', text: a.reason}) : null,
        ackButton),
      ackLine(a.ack)]);
    return card;
  }

  function showAlert(a, fresh) {
    const known = alerts.get(a.alertId);
    if (known) {
      // Keep an acknowledgement that arrived before this copy of the alert.
      if (!a.ack && known.alert.ack) a.ack = known.alert.ack;
      // Redraw only what changed: a card being read or clicked stays put when the list is fetched again.
      if (JSON.stringify(a) === known.drawn) return;
      const node = alertCard(a);
      known.node.replaceWith(node);
      alerts.set(a.alertId, {alert: a, node, drawn: JSON.stringify(a)});
      updateAlertCount();
      return;
    }
    const node = alertCard(a);
    const list = $('alerts');
    // Newest on top: insert before the first card raised earlier.
    let before = null;
    for (const child of list.children) {
      const other = alerts.get(child.getAttribute('data-alert-id'));
      if (other && (other.alert.raisedAtMs ?? 0) <= (a.raisedAtMs ?? 0)) { before = child; break; }
    }
    list.insertBefore(node, before);
    alerts.set(a.alertId, {alert: a, node, drawn: JSON.stringify(a)});
    if (fresh) {
      node.classList.add('fresh');
      setTimeout(() => node.classList.remove('fresh'), 6000);
      sound.beep();
    }
    updateAlertCount();
  }

  function showAck(ack) {
    const known = alerts.get(ack.alertId);
    if (!known) return;
    known.alert.ack = {operator: ack.operator, note: ack.note, acknowledgedAtMs: ack.acknowledgedAtMs};
    showAlert(known.alert, false);
  }

  function updateAlertCount() {
    const open = [...alerts.values()].filter((x) => !x.alert.ack && x.alert.transition === 'BECAME_LIKELY_HIGH').length;
    $('alert-count').textContent = alerts.size ? '(' + open + ' open of ' + alerts.size + ')' : '';
    $('alerts-empty').hidden = alerts.size > 0;
  }

  async function loadAlerts() {
    const body = await getJson('/board/alerts?limit=200');
    for (const a of body.alerts || []) showAlert(a, false);
    updateAlertCount();
  }

  let lotsRefreshPending = null;
  let stream = null;

  // A page the browser keeps for Back/Forward keeps its stream open, and a browser opens only 6 connections to one
  // screener: a few such pages and this one's requests wait. So the stream closes when the page is hidden that way
  // and opens again (fetching what it missed) when the page is shown again.
  function setUpStreamLifecycle() {
    window.addEventListener('pagehide', () => {
      if (stream) stream.close();
      stream = null;
    });
    window.addEventListener('pageshow', (event) => {
      if (event.persisted && !stream) connectStream();
    });
  }

  function connectStream() {
    const live = $('live');
    stream = new EventSource(withViewerToken('/board/alerts/stream'));
    stream.addEventListener('open', () => {
      live.textContent = 'live';
      live.className = 'live on';
      // After a reconnect, fetch what the stream may have missed meanwhile (the list dedupes by alert id).
      loadAlerts().catch(() => {});
    });
    stream.addEventListener('error', () => {
      live.textContent = 'reconnecting…';
      live.className = 'live off';
    });
    stream.addEventListener('alert', (event) => {
      showAlert(JSON.parse(event.data), true);
      // New alerts mean lots changed: refresh the table soon, once for a burst.
      if (!lotsRefreshPending) lotsRefreshPending = setTimeout(() => { lotsRefreshPending = null; loadLots(); }, 2000);
    });
    stream.addEventListener('ack', (event) => showAck(JSON.parse(event.data)));
    // The screener caught up with the yard: what it read meanwhile was not sent alert by alert.
    stream.addEventListener('refresh', () => {
      loadAlerts().catch(() => {});
      loadLots();
    });
  }

  // ---- acknowledging -----------------------------------------------------------------------------------------
  let ackTarget = null;

  function openAckDialog(alertId) {
    const known = alerts.get(alertId);
    if (!known) return;
    ackTarget = alertId;
    $('ack-what').textContent = 'Lot ' + known.alert.lotId + ' (' + (known.alert.siteId || 'no site') + '), raised '
      + time(known.alert.raisedAtMs);
    $('ack-token').value = sessionStorage.getItem(TOKEN_KEY) || '';
    $('ack-error').hidden = true;
    $('ack-dialog').showModal();
    $('ack-operator').focus();
  }

  function setUpAckDialog() {
    const dialog = $('ack-dialog');
    $('ack-cancel').addEventListener('click', () => dialog.close());
    $('ack-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      const error = $('ack-error');
      const operator = $('ack-operator').value.trim();
      const note = $('ack-note').value.trim();
      const token = $('ack-token').value;
      if (operator.length < 1 || operator.length > 64) return showError(error, 'Operator: 1 to 64 characters.');
      if (note.length > 500) return showError(error, 'Note: at most 500 characters.');
      $('ack-submit').disabled = true;
      try {
        const response = await fetch('/board/alerts/' + encodeURIComponent(ackTarget) + '/ack', {
          method: 'POST',
          headers: {'Content-Type': 'application/json', 'Authorization': 'Bearer ' + token},
          body: JSON.stringify({operator, note: note || null}),
        });
        if (response.status === 202) {
          sessionStorage.setItem(TOKEN_KEY, token);
          showAck(await response.json());
          $('ack-note').value = '';
          dialog.close();
          return;
        }
        if (response.status === 401) sessionStorage.removeItem(TOKEN_KEY);
        showError(error, ackRefusal(response.status, await response.text()));
      } catch (e) {
        showError(error, 'Could not reach the screener: ' + e.message);
      } finally {
        $('ack-submit').disabled = false;
      }
    });
  }

  function ackRefusal(status, body) {
    let message = '';
    try {
      const json = JSON.parse(body);
      message = json.message || (json._embedded && json._embedded.errors && json._embedded.errors[0].message) || '';
    } catch (e) {
      message = body;
    }
    const what = {401: 'Wrong or missing operator token.', 403: 'Acknowledging is switched off on this screener.',
      400: 'The screener refused the form.', 404: 'The screener does not know this alert.'}[status]
      || 'HTTP ' + status + '.';
    return message ? what + ' (' + message + ')' : what;
  }

  function showError(node, message) {
    node.textContent = message;
    node.hidden = false;
  }

  // ---- lots table --------------------------------------------------------------------------------------------
  // Thousands of lots stay quick: each lot's row is built once per change of its data and kept by lot id, and the
  // table holds only the first rows of the sorted, filtered list (more as the operator scrolls). A sort, a filter
  // or a refresh then sorts the lots in memory and moves at most those rows: laying out every row of 2,000 lots
  // again took a second a click.
  const LOTS_PAGE = 50;
  const LOT_COLUMNS = [
    {key: 'lotId', label: 'lot', text: true},
    {key: 'siteId', label: 'site', text: true},
    {key: 'shots', label: 'shots (count)'},
    {key: 'totalReeMeanPpmMol', label: 'total REE (ppm mol)'},
    {key: 'totalReeP05PpmMol', label: '90 % interval (ppm mol)'},
    {key: 'probHigh', label: 'P(high) (%)'},
    {key: 'verdict', label: 'verdict', text: true},
    {key: 'outOfDomain', label: 'out of domain'},
    {key: 'byDifference', label: 'by difference (oxide)', text: true},
    {key: 'modelVersion', label: 'model · site model', text: true},
    {key: 'updatedAtMs', label: 'updated (local time)'},
  ];
  const TEXT_ORDER = new Intl.Collator();
  const lotsState = {lots: [], sortKey: 'updatedAtMs', descending: true, sites: new Set(), verdicts: new Set(['HIGH']),
    matching: [], rowsWanted: LOTS_PAGE, loads: 0};
  let lotRows = new Map(); // lotId -> {drawn: the lot as JSON, tr: its row, or null until it is shown}
  let lotRowsDay = null; // the day the kept rows were drawn on: a time of another day shows its date

  function setUpLotsTable() {
    const head = $('lots-head');
    for (const column of LOT_COLUMNS) {
      const button = el('button', {type: 'button', class: 'sort', text: column.label});
      button.addEventListener('click', () => {
        if (lotsState.sortKey === column.key) lotsState.descending = !lotsState.descending;
        else { lotsState.sortKey = column.key; lotsState.descending = !column.text; }
        renderLotsFromTop();
      });
      head.appendChild(el('th', {scope: 'col', 'data-key': column.key}, button));
    }
    // Every lot of the window is on the page: site, verdict and lot id filter it here; only the hours ask the screener.
    for (const id of ['f-site', 'f-verdict']) $(id).addEventListener('change', renderLotsFromTop);
    $('f-lot').addEventListener('input', renderLotsFromTop);
    $('f-hours').addEventListener('change', () => loadLots());
    $('lot-filters').addEventListener('submit', (event) => { event.preventDefault(); loadLots(); });
    $('lots-more-button').addEventListener('click', showMoreLots);
    // The "more" line coming into view (the table's scroll box or the page, whichever scrolls) adds the next rows.
    const more = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) showMoreLots();
    }, {rootMargin: '0px 0px 200px 0px'});
    more.observe($('lots-more'));
    lotsState.moreObserver = more;
  }

  async function loadLots() {
    const load = ++lotsState.loads;
    const params = new URLSearchParams();
    params.set('hours', $('f-hours').value || '12');
    try {
      const body = await getJson('/board/lots?' + params.toString());
      if (load !== lotsState.loads) return; // a later load was asked for meanwhile (the hours changed)
      keepLots(body.lots || []);
      rememberOptions();
      renderLots();
    } catch (e) {
      if (load === lotsState.loads) $('lot-count').textContent = '(' + e.message + ')';
    }
  }

  /** Takes the lots as served; a lot whose data changed loses its row, built again when it is next shown. */
  function keepLots(lots) {
    const day = CALENDAR_DAY.format(new Date());
    const kept = day === lotRowsDay ? lotRows : new Map();
    const next = new Map();
    for (const lot of lots) {
      const drawn = JSON.stringify(lot);
      const before = kept.get(lot.lotId);
      next.set(lot.lotId, before && before.drawn === drawn ? before : {drawn, tr: null});
    }
    lotRows = next;
    lotRowsDay = day;
    lotsState.lots = lots;
  }

  function rememberOptions() {
    // The filters offer every site and verdict seen so far, so a filtered table can be widened again.
    for (const lot of lotsState.lots) {
      if (lot.siteId) lotsState.sites.add(lot.siteId);
      if (lot.verdict) lotsState.verdicts.add(lot.verdict);
    }
    fillSelect($('f-site'), lotsState.sites);
    fillSelect($('f-verdict'), lotsState.verdicts);
  }

  function fillSelect(select, values) {
    const chosen = select.value;
    const have = new Set([...select.options].map((o) => o.value));
    for (const value of [...values].sort()) {
      if (!have.has(value)) select.appendChild(el('option', {value, text: value}));
    }
    select.value = chosen;
  }

  function compare(a, b, key) {
    const x = a[key];
    const y = b[key];
    if (x === y) return 0;
    if (x === null || x === undefined) return 1;
    if (y === null || y === undefined) return -1;
    return typeof x === 'string' ? TEXT_ORDER.compare(x, y) : (x < y ? -1 : 1);
  }

  function yesNo(flag) {
    return flag === null || flag === undefined ? '–' : (flag ? 'yes' : 'no');
  }

  function lotRow(lot) {
    return el('tr', {class: lot.verdict === 'HIGH' ? 'high' : null, 'data-lot-id': lot.lotId},
      el('td', {class: 'lot'}, el('a', {href: lotHref(lot.lotId), class: 'lot-id', text: lot.lotId})),
      el('td', {class: 'site', text: lot.siteId || '–'}),
      el('td', {class: 'n', text: lot.shots ?? '–'}),
      el('td', {class: 'n', text: ppm(lot.totalReeMeanPpmMol)}),
      el('td', {class: 'n', text: interval(lot.totalReeP05PpmMol, lot.totalReeP95PpmMol)}),
      el('td', {class: 'n', text: lot.probHigh === null || lot.probHigh === undefined ? '–' : num(lot.probHigh * 100, 0)}),
      el('td', {text: lot.verdict || '–'}),
      el('td', {text: lot.outOfDomain ? 'yes' : 'no'}),
      // The screener says whether an oxide was taken by difference (a flag); a name, should it send one, shows as is.
      el('td', {text: typeof lot.byDifference === 'string' ? lot.byDifference : yesNo(lot.byDifference)}),
      el('td', {class: 'model', text: (lot.modelVersion || '–') + ' · ' + siteModel(lot.modelSiteId)}),
      el('td', {class: 'when', text: time(lot.updatedAtMs)}));
  }

  function keptRow(lot) {
    const kept = lotRows.get(lot.lotId);
    if (!kept.tr) kept.tr = lotRow(lot);
    return kept.tr;
  }

  /** A new order or filter: back to the first rows, at the top of the table. */
  function renderLotsFromTop() {
    lotsState.rowsWanted = LOTS_PAGE;
    renderLots();
    $('lots').parentElement.scrollTop = 0;
  }

  function renderLots() {
    const {sortKey, descending} = lotsState;
    const site = $('f-site').value;
    const verdict = $('f-verdict').value;
    const lotText = $('f-lot').value.trim().toLowerCase();
    const matching = lotsState.lots.filter((lot) => (!site || lot.siteId === site)
      && (!verdict || lot.verdict === verdict) && (!lotText || String(lot.lotId).toLowerCase().includes(lotText)));
    matching.sort((a, b) => {
      const order = compare(a, b, sortKey);
      return descending ? -order : order;
    });
    lotsState.matching = matching;
    for (const th of $('lots-head').children) {
      const key = th.getAttribute('data-key');
      th.setAttribute('aria-sort', key === sortKey ? (descending ? 'descending' : 'ascending') : 'none');
    }
    showLotRows();
    $('lot-count').textContent = '(' + matching.length + ')';
  }

  function showLotRows() {
    const {matching, rowsWanted} = lotsState;
    const shown = Math.min(rowsWanted, matching.length);
    placeRows($('lots-body'), matching.slice(0, shown).map(keptRow));
    $('lots-more').hidden = shown >= matching.length;
    $('lots-more-text').textContent = shown + ' of ' + matching.length + ' lots shown';
  }

  function showMoreLots() {
    if (lotsState.rowsWanted >= lotsState.matching.length) return;
    lotsState.rowsWanted += LOTS_PAGE;
    showLotRows();
    // Observed again, the line reports at once if it is still in view (a tall screen): more rows again.
    const line = $('lots-more');
    lotsState.moreObserver.unobserve(line);
    lotsState.moreObserver.observe(line);
  }

  /** Puts exactly these rows in the body, in this order, moving only the rows that are not in place already. */
  function placeRows(body, rows) {
    const wanted = new Set(rows);
    let cursor = body.firstChild;
    for (const tr of rows) {
      while (cursor && !wanted.has(cursor)) {
        const gone = cursor;
        cursor = cursor.nextSibling;
        body.removeChild(gone);
      }
      if (tr === cursor) cursor = cursor.nextSibling;
      else body.insertBefore(tr, cursor);
    }
    while (cursor) {
      const gone = cursor;
      cursor = cursor.nextSibling;
      body.removeChild(gone);
    }
  }

  // ---- model panel -------------------------------------------------------------------------------------------
  function table(headers, rows) {
    return el('table', {class: 'small'},
      el('thead', null, el('tr', null, headers.map((h) => el('th', {scope: 'col', text: h})))),
      el('tbody', null, rows.map((cells) => el('tr', null, cells.map((c) => el('td', {text: c}))))));
  }

  function metricsText(metrics) {
    if (!metrics) return '–';
    return Object.entries(metrics).map(([k, v]) => k + ' '
      + (typeof v === 'number' ? num(v, 3) : (v !== null && typeof v === 'object' ? JSON.stringify(v) : v))).join(', ');
  }

  async function loadModel() {
    try {
      const body = await getJson('/board/model');
      clear($('models')).appendChild(table(['site', 'version', 'since', 'parent', 'metrics'],
        (body.models || []).map((m) => [siteModel(m.siteId), m.version, sinceText(m.since), m.parentVersion || '–',
          metricsText(m.metrics)])));
      const rejected = body.lastRejected;
      $('last-rejected').textContent = rejected
        ? rejected.version + ' (' + siteModel(rejected.siteId) + ') at ' + time(rejected.atMs) + ': ' + rejected.reason
        : 'none';
      clear($('accuracy')).appendChild((body.accuracy || []).length
        ? table(['site', 'model', 'lab results (n)', 'MAE / mean (%)', '90 % coverage (%)', 'mean width (% of prediction)'],
          body.accuracy.map((r) => [r.siteId || '–', r.modelVersion, r.n, num(r.maeOverMeanPct, 1),
            num(r.coverage90Pct, 1), num(r.meanWidthPct, 1)]))
        : el('p', {class: 'empty', text: 'no lab results compared yet'}));
    } catch (e) {
      clear($('models')).appendChild(el('p', {class: 'error', text: 'model: ' + e.message}));
    }
  }

  function sinceText(since) {
    if (since === null || since === undefined) return '–';
    return typeof since === 'number' ? time(since) : String(since);
  }

  // ---- health strip ------------------------------------------------------------------------------------------
  async function loadHealth() {
    const strip = $('health');
    try {
      const h = await getJson('/board/health');
      // Kafka away: the streams still say RUNNING (they wait for it), so the screener's probe of the cluster says it.
      const bad = !h.running || h.lagGrowing || Boolean(h.kafkaUnreachable) || Boolean(h.feedError);
      strip.className = 'health ' + (bad ? 'bad' : 'good');
      $('health-state').textContent = 'streams: ' + (h.streamsState || '?')
        + (h.kafkaUnreachable ? ' · Kafka: ' + h.kafkaUnreachable : '')
        + (h.feedError ? ' · board feed: ' + h.feedError : '');
      $('health-rate').textContent = 'readings: ' + num(h.readingsPerSecond, 1) + ' /s';
      const dlq = Object.entries(h.deadLettersPerSecondByReason || {}).filter(([, v]) => v > 0);
      $('health-dlq').textContent = 'dead letters: ' + (dlq.length
        ? dlq.map(([reason, v]) => reason + ' ' + num(v, 2) + ' /s').join(', ') : '0 /s');
      $('health-lag').textContent = 'consumer lag: ' + (h.consumerLag ?? '–') + ' records'
        + (h.lagGrowing ? ' (growing)' : '');
    } catch (e) {
      strip.className = 'health bad';
      $('health-state').textContent = 'screener: ' + e.message;
    }
  }

  // ---- a lot's page ------------------------------------------------------------------------------------------
  function outputsChart(outputs) {
    // Dot (mean) and whisker (5 to 95 %) per output on a log axis: total REE and trace elements differ by 1000x.
    const values = outputs.flatMap((o) => [o.p05PpmMol, o.meanPpmMol, o.p95PpmMol]).filter((v) => v > 0);
    const lo = Math.pow(10, Math.floor(Math.log10(Math.min(...values, 1))));
    const hi = Math.pow(10, Math.ceil(Math.log10(Math.max(...values, 10))));
    const width = 640, left = 84, right = 20, row = 22, top = 10, height = top + outputs.length * row + 44;
    const x = (v) => left + (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))
      * (width - left - right);
    const chart = svg('svg', {viewBox: '0 0 ' + width + ' ' + height, class: 'outputs-chart', role: 'img',
      'aria-label': 'predicted REE per output, ppm mol, with 90 % intervals'});
    for (let t = lo; t <= hi; t *= 10) {
      chart.appendChild(svg('line', {x1: x(t), x2: x(t), y1: top, y2: height - 39, class: 'grid'}));
      chart.appendChild(svg('text', {x: x(t), y: height - 24, class: 'tick', 'text-anchor': 'middle', text: String(t)}));
    }
    chart.appendChild(svg('text', {x: (left + width - right) / 2, y: height - 6, class: 'tick', 'text-anchor': 'middle',
      text: 'ppm mol (log scale)'}));
    outputs.forEach((o, i) => {
      const y = top + i * row + row / 2;
      const g = svg('g', {class: 'output' + (i === 0 ? ' total' : ''), 'data-target': o.target});
      g.appendChild(svg('text', {x: left - 8, y: y + 4, 'text-anchor': 'end', class: 'label',
        text: o.target === 'TOTAL_REE' ? 'total REE' : o.target}));
      if (o.p05PpmMol !== null && o.p95PpmMol !== null && o.p05PpmMol !== undefined && o.p95PpmMol !== undefined) {
        g.appendChild(svg('line', {x1: x(o.p05PpmMol), x2: x(o.p95PpmMol), y1: y, y2: y, class: 'whisker'}));
      }
      if (o.meanPpmMol !== null && o.meanPpmMol !== undefined) {
        g.appendChild(svg('circle', {cx: x(o.meanPpmMol), cy: y, r: 4, class: 'mean'},
          svg('title', {text: o.target + ': ' + ppm(o.meanPpmMol) + ' ppm mol, 90 % '
            + interval(o.p05PpmMol, o.p95PpmMol)})));
      }
      chart.appendChild(g);
    });
    return chart;
  }

  function shotsChart(shots) {
    // One line per oxide, mol % after each shot: a drifting lot shows as a sloped line.
    const width = 640, height = 240, left = 40, right = 90, top = 10, bottom = 30;
    const maxPct = Math.max(1, ...shots.flatMap((s) => Object.values(s.oxidesMolPct || {})));
    const x = (i) => left + (shots.length < 2 ? 0.5 : i / (shots.length - 1)) * (width - left - right);
    const y = (v) => top + (1 - v / maxPct) * (height - top - bottom);
    const chart = svg('svg', {viewBox: '0 0 ' + width + ' ' + height, class: 'shots-chart', role: 'img',
      'aria-label': 'composition after each shot, mol %'});
    for (const t of [0, maxPct / 2, maxPct]) {
      chart.appendChild(svg('line', {x1: left, x2: width - right, y1: y(t), y2: y(t), class: 'grid'}));
      chart.appendChild(svg('text', {x: left - 4, y: y(t) + 4, 'text-anchor': 'end', class: 'tick', text: num(t, 0)}));
    }
    chart.appendChild(svg('text', {x: left, y: height - 8, class: 'tick',
      text: 'shot 1 … ' + shots.length + ' (mol %)'}));
    const oxides = OXIDES.filter((ox) => shots.some((s) => s.oxidesMolPct && s.oxidesMolPct[ox] !== undefined));
    oxides.forEach((ox, k) => {
      const colour = OXIDE_COLOURS[k % OXIDE_COLOURS.length];
      const points = shots.map((s, i) => (s.oxidesMolPct && s.oxidesMolPct[ox] !== undefined)
        ? x(i).toFixed(1) + ',' + y(s.oxidesMolPct[ox]).toFixed(1) : null).filter(Boolean);
      const line = svg('polyline', {points: points.join(' '), class: 'series', stroke: colour});
      chart.appendChild(line);
      chart.appendChild(svg('text', {x: width - right + 6, y: top + 12 + k * 14, class: 'legend', fill: colour,
        text: ox}));
    });
    return chart;
  }

  function lotSummary(lot) {
    if (!lot) return el('p', {class: 'empty', text: 'not scored yet'});
    return el('dl', {class: 'facts'},
      el('dt', {text: 'site'}), el('dd', {text: lot.siteId || '–'}),
      el('dt', {text: 'total REE'}), el('dd', {text: ppm(lot.totalReeMeanPpmMol) + ' ppm mol (90 %: '
        + interval(lot.totalReeP05PpmMol, lot.totalReeP95PpmMol) + ')'}),
      el('dt', {text: 'P(high)'}), el('dd', {text: prob(lot.probHigh)}),
      el('dt', {text: 'verdict'}), el('dd', {text: lot.verdict || '–'}),
      el('dt', {text: 'shots'}), el('dd', {text: lot.shots ?? '–'}),
      el('dt', {text: 'flags'}), el('dd', {text: [lot.outOfDomain ? 'out of domain' : null,
        lot.byDifference ? lot.byDifference + ' by difference' : null].filter(Boolean).join(', ') || 'none'}),
      el('dt', {text: 'model'}), el('dd', {text: (lot.modelVersion || '–') + ' · site model ' + siteModel(lot.modelSiteId)}),
      el('dt', {text: 'updated'}), el('dd', {text: time(lot.updatedAtMs)}));
  }

  async function showLot(lotId) {
    $('board-view').hidden = true;
    $('lot-view').hidden = false;
    $('lot-title').textContent = lotId;
    const error = $('lot-error');
    error.hidden = true;
    for (const id of ['lot-summary', 'lot-outputs', 'lot-attributions', 'lot-shots', 'lot-dead-letters', 'lot-lab']) {
      clear($(id));
    }
    let body;
    try {
      body = await getJson('/board/lots/' + encodeURIComponent(lotId));
    } catch (e) {
      showError(error, e.status === 404 ? 'The screener knows no lot with this id.' : e.message);
      return;
    }
    $('lot-summary').appendChild(lotSummary(body.lot));
    $('lot-outputs').appendChild((body.outputs || []).length
      ? outputsChart(body.outputs) : el('p', {class: 'empty', text: 'no prediction yet'}));
    $('lot-attributions').appendChild((body.attributions || []).length
      ? attributionBars(body.attributions) : el('p', {class: 'empty', text: 'no attributions'}));
    $('lot-shots').appendChild((body.shots || []).length
      ? shotsChart(body.shots) : el('p', {class: 'empty', text: 'no shots'}));
    $('lot-dead-letters').appendChild((body.deadLetters || []).length
      ? table(['time', 'reason', 'detail'], body.deadLetters.map((d) => [time(d.atMs), d.reason, d.detail || '']))
      : el('p', {class: 'empty', text: 'none'}));
    $('lot-lab').appendChild((body.labResults || []).length
      ? table(['lab result', 'time', 'lab total REE (ppm mol)', 'predicted (ppm mol)', 'realised error (%)',
        'inside 90 % interval'], body.labResults.map((r) => [r.labResultId, time(r.atMs), ppm(r.labTotalReePpmMol),
        ppm(r.predictedTotalReePpmMol), r.relativeError === null || r.relativeError === undefined ? '–'
          : num(r.relativeError * 100, 1), r.insideInterval === null || r.insideInterval === undefined ? '–'
          : (r.insideInterval ? 'yes' : 'no')]))
      : el('p', {class: 'empty', text: 'no lab result yet'}));
  }

  function showBoard() {
    $('lot-view').hidden = true;
    $('board-view').hidden = false;
  }

  function route() {
    const hash = window.location.hash;
    if (hash.startsWith('#/lots/')) {
      let lotId;
      try {
        lotId = decodeURIComponent(hash.slice('#/lots/'.length));
      } catch (e) {
        lotId = hash.slice('#/lots/'.length);
      }
      showLot(lotId);
    } else {
      showBoard();
    }
  }

  // ---- start -------------------------------------------------------------------------------------------------
  setUpSoundSwitch();
  setUpAckDialog();
  setUpLotsTable();
  setUpStreamLifecycle();
  window.addEventListener('hashchange', route);
  route();
  connectStream();
  loadAlerts().catch((e) => showError($('alerts-empty'), 'alerts: ' + e.message));
  loadLots();
  loadModel();
  loadHealth();
  setInterval(loadHealth, HEALTH_REFRESH_MS);
  setInterval(loadLots, LOTS_REFRESH_MS);
  setInterval(loadModel, LOTS_REFRESH_MS);
})();
