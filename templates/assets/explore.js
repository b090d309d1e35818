/*
 * washboard: filters for the tables of models, and the menus of the compare page. Pages are
 * complete without it: every table shows every model, and the compare page its default pair.
 *
 * Both read data/COHORT/models.json, which the build writes beside the CSV downloads: every
 * model's facts as the pages print them (facts[], in the order of the compare page's facts
 * table), the numbers the filters test (family, open_weights, params, training_flop,
 * coverage) and its value and residual on every benchmark (cells[], in the order of
 * benchmarks[]). It is fetched from the same site (the pages' Content-Security-Policy allows
 * connect-src 'self'); over file:// browsers refuse, and the pages stay as they are.
 *
 * Filters: a table of models is one whose rows link to model pages (COHORT/models/ID.html);
 * a page with such tables gets one filter bar, before the first, that applies to all of them.
 * Compare: on COHORT/compare.html, two menus choose the models A and B; the facts table (its
 * first row the models' links, then facts[]) and the benchmark tables (rows found by their
 * benchmark link; the residuals of A and B, then their values) are filled in from models.json.
 *
 * State in the URL hash, shared with sort.js: parts joined by "&": sort.js's
 * "sort-T-C-DIR", and here "family=F", "weights=open|closed", "params=LO-HI" (billions of
 * parameters), "flop=LO-HI" (log10 of training FLOP), "coverage=P" (percent), and on the
 * compare page "a=MODEL" and "b=MODEL" (model ids; with only a, b is a's neighbour by
 * capabilities rank). Names are only ever set as text, never as markup.
 */
(function () {
	"use strict";

	var MODEL_LINK = /\/([a-z0-9][a-z0-9._-]*)\/models\/([a-z0-9][a-z0-9._-]*)\.html$/;
	var BENCH_LINK = /\/benchmarks\/([a-z0-9][a-z0-9._-]*)\.html$/;

	/* ---- the hash ------------------------------------------------------------------ */

	function hashState() {
		var state = {};
		location.hash.replace(/^#/, "").split("&").forEach(function (p) {
			var i = p.indexOf("=");
			if (i > 0) {
				try {
					state[p.slice(0, i)] = decodeURIComponent(p.slice(i + 1));
				} catch (e) { /* a malformed part is ignored */ }
			}
		});
		return state;
	}

	/* Set this script's parts to values (a key with "" or null is dropped); keep sort.js's. */
	function writeHash(keys, values) {
		var keep = location.hash.replace(/^#/, "").split("&").filter(function (p) {
			var i = p.indexOf("=");
			return /^sort-\d+-\d+-(asc|desc)$/.test(p) || (i > 0 && keys.indexOf(p.slice(0, i)) < 0);
		});
		keys.forEach(function (k) {
			if (values[k] !== undefined && values[k] !== null && values[k] !== "")
				keep.push(k + "=" + encodeURIComponent(values[k]));
		});
		history.replaceState(null, "", keep.length ? "#" + keep.join("&") : location.pathname + location.search);
	}

	function load(url, then) {
		if (!window.fetch) return;
		fetch(url, { credentials: "same-origin" }).then(function (r) {
			if (!r.ok) throw new Error(url + ": " + r.status);
			return r.json();
		}).then(then).catch(function () { /* no data: the page stays as it is */ });
	}

	function el(tag, text, cls) {
		var e = document.createElement(tag);
		if (text !== undefined && text !== null) e.textContent = text;
		if (cls) e.className = cls;
		return e;
	}

	function select(label, options, value) {
		var wrap = el("label"), s = el("select");
		wrap.appendChild(el("span", label));
		options.forEach(function (o) {
			var opt = el("option", o[1]);
			opt.value = o[0];
			s.appendChild(opt);
		});
		s.value = value !== undefined && options.some(function (o) { return o[0] === value; }) ? value : options[0][0];
		wrap.appendChild(s);
		return { wrap: wrap, select: s };
	}

	/* ---- filters --------------------------------------------------------------------- */

	/* Tables whose body rows (at least 5, nearly all) link to a model page: [{table, rows: [{tr, id}]}]. */
	function modelTables() {
		var found = [];
		Array.prototype.forEach.call(document.querySelectorAll("main table"), function (table) {
			var body = table.tBodies[0], rows = [];
			if (!body || body.rows.length < 5) return;
			Array.prototype.forEach.call(body.rows, function (tr) {
				var links = tr.querySelectorAll("a[href]"), id = null;
				for (var i = 0; i < links.length && !id; i++) {
					var m = MODEL_LINK.exec(links[i].pathname || "");
					if (m) id = { cohort: m[1], model: m[2], href: links[i].href };
				}
				if (id) rows.push({ tr: tr, id: id.model, cohort: id.cohort, href: id.href });
			});
			if (rows.length >= 5 && rows.length >= 0.9 * body.rows.length) found.push({ table: table, rows: rows });
		});
		return found;
	}

	function fmtParams(b) { return b >= 1 ? b + "B" : b * 1000 + "M"; }

	/* Breakpoints 1, 2, 5 x 10^k (billions) that cover the data's range. */
	function paramSteps(values) {
		var lo = Math.min.apply(null, values), hi = Math.max.apply(null, values), steps = [];
		for (var e = -1; e <= 4; e++)
			[1, 2, 5].forEach(function (m) {
				var v = +(m * Math.pow(10, e)).toPrecision(3);
				if (v * 1e9 >= lo / 2 && v * 1e9 <= hi * 2) steps.push(v);
			});
		return steps;
	}

	function filters(tables, data) {
		var byId = {}, state = hashState(), shown = {}, controls = {};
		data.models.forEach(function (m) { byId[m.id] = m; });
		tables.forEach(function (t) { t.rows.forEach(function (r) { shown[r.id] = byId[r.id]; }); });
		var models = Object.keys(shown).map(function (k) { return shown[k]; }).filter(Boolean);
		if (!models.length) return;

		var bar = el("div", null, "filters");
		bar.setAttribute("role", "search");
		bar.setAttribute("aria-label", "Filter the models");
		bar.appendChild(el("strong", "Filter the models"));

		var families = models.map(function (m) { return m.family; }).filter(Boolean)
			.filter(function (f, i, a) { return a.indexOf(f) === i; }).sort();
		if (families.length > 1)
			controls.family = select("Family", [["", "any"]].concat(families.map(function (f) { return [f, f]; })), state.family);
		if (models.some(function (m) { return m.open_weights !== null && m.open_weights !== undefined; }))
			controls.weights = select("Weights", [["", "any"], ["open", "open"], ["closed", "closed"]], state.weights);
		var params = models.map(function (m) { return m.params; }).filter(function (x) { return x > 0; });
		if (params.length > 1) {
			var ps = paramSteps(params).map(function (v) { return [String(v), fmtParams(v)]; });
			var pr = (state.params || "").split("-");
			controls.params_lo = select("Parameters from", [["", "any"]].concat(ps), pr[0]);
			controls.params_hi = select("to", [["", "any"]].concat(ps), pr[1]);
		}
		var flops = models.map(function (m) { return m.training_flop; }).filter(function (x) { return x > 0; });
		if (flops.length > 1) {
			var lo = Math.floor(Math.log10(Math.min.apply(null, flops))), hi = Math.ceil(Math.log10(Math.max.apply(null, flops)));
			var ds = [];
			for (var d = lo; d <= hi; d++) ds.push([String(d), "10^" + d]);
			var fr = (state.flop || "").split("-");
			controls.flop_lo = select("Training FLOP from", [["", "any"]].concat(ds), fr[0]);
			controls.flop_hi = select("to", [["", "any"]].concat(ds), fr[1]);
		}
		if (models.some(function (m) { return m.coverage !== null && m.coverage !== undefined; }))
			controls.coverage = select("Coverage at least", [["", "any"], ["50", "50%"], ["75", "75%"], ["90", "90%"], ["100", "100%"]], state.coverage);
		if (!Object.keys(controls).length) return;
		Object.keys(controls).forEach(function (k) { bar.appendChild(controls[k].wrap); });
		var count = el("span", "", "count");
		count.setAttribute("aria-live", "polite");
		var reset = el("button", "Show all");
		reset.type = "button";
		bar.appendChild(count);
		bar.appendChild(reset);
		tables[0].table.parentNode.insertBefore(bar, tables[0].table);

		function val(k) { return controls[k] ? controls[k].select.value : ""; }

		function keep(m) {
			if (!m) return true; /* a model the data does not have: never hidden */
			var lo, hi;
			if (val("family") && m.family !== val("family")) return false;
			if (val("weights") && m.open_weights !== (val("weights") === "open")) return false;
			lo = parseFloat(val("params_lo")); hi = parseFloat(val("params_hi"));
			if ((lo || hi) && !(m.params > 0)) return false;
			if (lo && m.params < lo * 1e9) return false;
			if (hi && m.params > hi * 1e9) return false;
			lo = val("flop_lo"); hi = val("flop_hi");
			if ((lo || hi) && !(m.training_flop > 0)) return false;
			if (lo && Math.log10(m.training_flop) < +lo) return false;
			if (hi && Math.log10(m.training_flop) > +hi) return false;
			if (val("coverage") && !(m.coverage * 100 >= +val("coverage") - 1e-9)) return false;
			return true;
		}

		function apply(write) {
			var n = 0, of = 0;
			tables.forEach(function (t) {
				t.rows.forEach(function (r) {
					var ok = keep(byId[r.id]);
					r.tr.hidden = !ok;
					of++;
					n += ok;
				});
			});
			count.textContent = n === of ? "all " + of + " models shown" : n + " of " + of + " models shown";
			if (write) {
				var pr = val("params_lo") || val("params_hi") ? val("params_lo") + "-" + val("params_hi") : "";
				var fr = val("flop_lo") || val("flop_hi") ? val("flop_lo") + "-" + val("flop_hi") : "";
				writeHash(["family", "weights", "params", "flop", "coverage"],
					{ family: val("family"), weights: val("weights"), params: pr, flop: fr, coverage: val("coverage") });
			}
		}
		Object.keys(controls).forEach(function (k) {
			controls[k].select.addEventListener("change", function () { apply(true); });
		});
		reset.addEventListener("click", function () {
			Object.keys(controls).forEach(function (k) { controls[k].select.value = ""; });
			apply(true);
		});
		apply(false);
	}

	/* ---- the compare page ------------------------------------------------------------ */

	function setValue(td, cell) {
		while (td.firstChild) td.removeChild(td.firstChild);
		if (cell[2]) td.appendChild(el("em", cell[0] + " (imputed)"));
		else td.textContent = cell[0];
	}

	/* A cell's content: a link to model m's page (m.href is relative to the site's root). */
	function setModelLink(td, m) {
		var a = el("a", m.name);
		a.href = new URL("../" + m.href, location.href).href;
		while (td.firstChild) td.removeChild(td.firstChild);
		td.appendChild(a);
	}

	function compare(data) {
		var main = document.querySelector("main"), tables = main.querySelectorAll("table");
		var title = document.title;
		if (!tables.length || data.models.length < 2) return;
		var ids = data.models.map(function (m) { return m.id; }), bench = {};
		data.benchmarks.forEach(function (b, k) { bench[b.id] = k; });
		var state = hashState(), a = ids.indexOf(state.a), b = ids.indexOf(state.b);
		if (a < 0) a = 0;
		if (b < 0 || b === a) b = state.a && !state.b ? (a > 0 ? a - 1 : a + 1) : (a === 0 ? 1 : 0);
		var options = data.models.map(function (m) { return [m.id, m.name]; });
		var pick = el("div", null, "filters compare");
		pick.setAttribute("role", "group");
		pick.setAttribute("aria-label", "The two models to compare");
		var sa = select("A", options, ids[a]), sb = select("B", options, ids[b]);
		var swap = el("button", "Swap");
		swap.type = "button";
		pick.appendChild(el("strong", "Compare"));
		pick.appendChild(sa.wrap);
		pick.appendChild(sb.wrap);
		pick.appendChild(swap);
		tables[0].parentNode.insertBefore(pick, tables[0]);

		function show(write) {
			var ma = data.models[ids.indexOf(sa.select.value)], mb = data.models[ids.indexOf(sb.select.value)];
			/* the facts table: the models' links in its first row, then facts[] in order */
			Array.prototype.forEach.call(tables[0].tBodies[0].rows, function (tr, i) {
				if (tr.cells.length < 3) return;
				if (i === 0) {
					setModelLink(tr.cells[1], ma);
					setModelLink(tr.cells[2], mb);
				} else if (i - 1 < ma.facts.length) {
					tr.cells[1].textContent = ma.facts[i - 1];
					tr.cells[2].textContent = mb.facts[i - 1];
				}
			});
			for (var t = 1; t < tables.length; t++)
				Array.prototype.forEach.call(tables[t].tBodies[0] ? tables[t].tBodies[0].rows : [], function (tr) {
					var link = tr.querySelector("a[href]"), m = link && BENCH_LINK.exec(link.pathname || "");
					var k = m ? bench[m[1]] : undefined;
					if (k === undefined || tr.cells.length < 5) return;
					tr.cells[1].textContent = ma.cells[k][1];
					tr.cells[2].textContent = mb.cells[k][1];
					setValue(tr.cells[3], ma.cells[k]);
					setValue(tr.cells[4], mb.cells[k]);
				});
			document.title = ma.name + " and " + mb.name + " — " + title;
			if (write) writeHash(["a", "b"], { a: ma.id, b: mb.id });
			document.dispatchEvent(new CustomEvent("wb-refresh"));
		}
		sa.select.addEventListener("change", function () { show(true); });
		sb.select.addEventListener("change", function () { show(true); });
		swap.addEventListener("click", function () {
			var x = sa.select.value;
			sa.select.value = sb.select.value;
			sb.select.value = x;
			show(true);
		});
		show(false);
	}

	function init() {
		var m = /\/([a-z0-9][a-z0-9._-]*)\/compare\.html$/.exec(location.pathname);
		if (m) {
			load(new URL("../data/" + m[1] + "/models.json", location.href).href, compare);
			return;
		}
		var tables = modelTables();
		if (!tables.length) return;
		load(new URL("../../data/" + tables[0].rows[0].cohort + "/models.json", tables[0].rows[0].href).href,
			function (data) { filters(tables, data); });
	}

	if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
	else init();
})();
