/*
 * washboard: sortable tables. Pages work without it; this only adds sorting.
 * Click a column header to sort (again to reverse). Numbers sort as numbers ("78.7%",
 * "-0.25", "▲ 3", "1.6 × 10^23"), "—" (missing) always last. The state is kept in the URL
 * hash as #sort-TABLE-COLUMN-asc|desc, so a sorted view can be linked.
 *
 * The hash is shared with explore.js (filters, the compare page): parts joined by "&", this
 * script's one "sort-T-C-DIR", explore.js's "NAME=VALUE". Each script rewrites its own parts
 * and keeps the other's. explore.js sends "wb-refresh" when it has changed a table's cells,
 * and the sort is applied again. A table wider than its box gets a note before it that it
 * scrolls sideways.
 */
(function () {
	"use strict";

	function parse(text) {
		var t = text.replace(/\s+/g, " ").trim();
		if (t === "" || t.charAt(0) === "—") return null;
		var m = /^(-?[\d.]+) × 10\^(-?\d+)/.exec(t);
		if (m) return parseFloat(m[1]) * Math.pow(10, parseInt(m[2], 10));
		var sign = 1;
		if (t.charAt(0) === "▲") { sign = 1; t = t.slice(1).trim(); }
		else if (t.charAt(0) === "▼") { sign = -1; t = t.slice(1).trim(); }
		t = t.replace("−", "-");
		m = /^([+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*([%BM]?)/.exec(t);
		if (!m) return t.toLowerCase();
		var x = parseFloat(m[1]) * sign;
		if (m[2] === "B") x *= 1e9;
		if (m[2] === "M") x *= 1e6;
		return x;
	}

	function compare(a, b) {
		if (a === null && b === null) return 0;
		if (a === null) return 1;
		if (b === null) return -1;
		if (typeof a === "number" && typeof b === "number") return a - b;
		if (typeof a === "number") return -1;
		if (typeof b === "number") return 1;
		return a < b ? -1 : a > b ? 1 : 0;
	}

	function sortTable(table, col, dir) {
		var body = table.tBodies[0];
		if (!body) return;
		var rows = Array.prototype.slice.call(body.rows).map(function (row, i) {
			var cell = row.cells[col];
			return { row: row, key: parse(cell ? cell.textContent : ""), i: i };
		});
		rows.sort(function (x, y) {
			if (x.key === null || y.key === null) {
				var c = compare(x.key, y.key);
				return c !== 0 ? c : x.i - y.i;
			}
			var r = compare(x.key, y.key) * (dir === "asc" ? 1 : -1);
			return r !== 0 ? r : x.i - y.i; /* stable */
		});
		rows.forEach(function (r) { body.appendChild(r.row); });
		var ths = table.tHead ? table.tHead.rows[0].cells : [];
		for (var k = 0; k < ths.length; k++) {
			if (k === col) ths[k].setAttribute("aria-sort", dir === "asc" ? "ascending" : "descending");
			else ths[k].removeAttribute("aria-sort");
		}
	}

	/* The hash's parts that are some script's state ("sort-...", "name=value"). */
	function stateParts() {
		return location.hash.replace(/^#/, "").split("&").filter(function (p) {
			return /^sort-\d+-\d+-(asc|desc)$/.test(p) || p.indexOf("=") > 0;
		});
	}

	function writeSort(part) {
		var rest = stateParts().filter(function (p) { return p.indexOf("sort-") !== 0; });
		history.replaceState(null, "", "#" + [part].concat(rest).join("&"));
	}

	function applyHash(tables) {
		stateParts().forEach(function (p) {
			var m = /^sort-(\d+)-(\d+)-(asc|desc)$/.exec(p);
			if (m && tables[+m[1]] && tables[+m[1]].tHead) sortTable(tables[+m[1]], +m[2], m[3]);
		});
	}

	function init() {
		var tables = document.querySelectorAll("main table");
		Array.prototype.forEach.call(tables, function (table, t) {
			if (!table.tHead || !table.tBodies[0] || table.tBodies[0].rows.length < 2) return;
			var ths = table.tHead.rows[0].cells;
			Array.prototype.forEach.call(ths, function (th, c) {
				var button = document.createElement("button");
				button.type = "button";
				while (th.firstChild) button.appendChild(th.firstChild);
				th.appendChild(button);
				button.addEventListener("click", function () {
					var dir = th.getAttribute("aria-sort") === "descending" ? "asc" : "desc";
					sortTable(table, c, dir);
					writeSort("sort-" + t + "-" + c + "-" + dir);
				});
			});
		});
		applyHash(tables);
		document.addEventListener("wb-refresh", function () { applyHash(tables); });
		scrollNotes(tables);
	}

	/*
	 * Before a table wider than its box, a note that it scrolls sideways (the CSS shadow shows
	 * on which side); kept up to date when the window changes size.
	 */
	function scrollNotes(tables) {
		var notes = Array.prototype.map.call(tables, function (table) {
			var p = document.createElement("p");
			p.className = "scroll-note";
			p.textContent = "This table is wider than the page: scroll it sideways for more columns \u2192";
			p.hidden = true;
			table.parentNode.insertBefore(p, table);
			return p;
		});
		function update() {
			Array.prototype.forEach.call(tables, function (table, i) {
				notes[i].hidden = !(table.scrollWidth > table.clientWidth + 1);
			});
		}
		update();
		window.addEventListener("resize", update);
	}

	if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
	else init();
})();
