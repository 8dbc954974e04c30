// Suggestions while typing in the search boxes: the WAI-ARIA APG combobox
// pattern (list autocomplete). Each search input with data-suggest becomes
// a combobox whose listbox is filled with the HTML fragment the server
// answers for what is typed (/recherche/suggestions?q=). Without this
// script, the input is a plain search box and its form goes to /recherche.
(function () {
	"use strict";

	function setup(input, n) {
		var form = input.form;
		var listId = input.id + "-suggestions";
		var list = document.createElement("ul");
		list.id = listId;
		list.className = "suggestions";
		list.setAttribute("role", "listbox");
		list.setAttribute("aria-label", "Métiers suggérés");
		list.hidden = true;
		var status = document.createElement("p");
		status.className = "visually-hidden";
		status.setAttribute("role", "status");
		var box = document.createElement("div");
		box.className = "combobox";
		input.parentNode.insertBefore(box, input);
		box.appendChild(input);
		box.appendChild(list);
		form.appendChild(status);

		input.setAttribute("role", "combobox");
		input.setAttribute("aria-autocomplete", "list");
		input.setAttribute("aria-expanded", "false");
		input.setAttribute("aria-controls", listId);

		var active = -1;
		var timer = 0;
		var asked = 0;
		var shown = "";

		function options() { return list.querySelectorAll("[role=option]"); }

		function open(yes) {
			list.hidden = !yes;
			input.setAttribute("aria-expanded", yes ? "true" : "false");
			if (!yes) { select(-1); }
		}

		function select(i) {
			var opts = options();
			if (active >= 0 && opts[active]) { opts[active].setAttribute("aria-selected", "false"); }
			active = i;
			if (i >= 0 && opts[i]) {
				opts[i].setAttribute("aria-selected", "true");
				input.setAttribute("aria-activedescendant", opts[i].id);
				opts[i].scrollIntoView({ block: "nearest" });
			} else {
				input.removeAttribute("aria-activedescendant");
			}
		}

		function fill(html, q) {
			var doc = new DOMParser().parseFromString(html, "text/html");
			var ul = doc.querySelector("ul");
			list.textContent = "";
			active = -1;
			input.removeAttribute("aria-activedescendant");
			var items = ul ? ul.querySelectorAll("li[role=option]") : [];
			for (var i = 0; i < items.length; i++) {
				var li = document.importNode(items[i], true);
				li.id = listId + "-" + i;
				li.setAttribute("aria-selected", "false");
				list.appendChild(li);
			}
			var total = ul ? parseInt(ul.getAttribute("data-total"), 10) || 0 : 0;
			shown = q;
			open(items.length > 0 && document.activeElement === input);
			status.textContent = total === 0 ? "Aucun métier suggéré" :
				total === 1 ? "1 métier suggéré, flèche bas pour le choisir" :
				Math.min(total, 8) + " métiers suggérés sur " + total + ", flèches pour choisir";
		}

		function ask() {
			var q = input.value.trim();
			if (q === shown) { open(options().length > 0); return; }
			if (q.length < 2) {
				list.textContent = "";
				shown = q;
				status.textContent = "";
				open(false);
				return;
			}
			var id = ++asked;
			fetch(input.getAttribute("data-suggest") + "?q=" + encodeURIComponent(q), { headers: { "Accept": "text/html" } })
				.then(function (r) { return r.ok ? r.text() : ""; })
				.then(function (html) { if (id === asked) { fill(html, q); } })
				.catch(function () { /* the form still works */ });
		}

		var leaving = false;
		// Back from the fiche, the page may come from the cache as it was.
		window.addEventListener("pageshow", function () { leaving = false; });
		function go(opt) {
			var href = opt && opt.getAttribute("data-href");
			if (href && !leaving) {
				leaving = true;
				window.location.assign(href);
			}
		}

		// Enter on an active option opens it, not the search: the form
		// must not also send what was typed.
		form.addEventListener("submit", function (e) {
			if (leaving || (!list.hidden && active >= 0)) {
				e.preventDefault();
				go(options()[active]);
			}
		});

		input.addEventListener("input", function () {
			clearTimeout(timer);
			timer = setTimeout(ask, 150);
		});
		input.addEventListener("keydown", function (e) {
			var opts = options();
			switch (e.key) {
			case "ArrowDown":
				e.preventDefault();
				if (list.hidden) {
					if (opts.length) { open(true); select(e.altKey ? -1 : 0); } else { ask(); }
				} else if (opts.length) {
					select(active + 1 < opts.length ? active + 1 : 0);
				}
				break;
			case "ArrowUp":
				e.preventDefault();
				if (list.hidden && opts.length) { open(true); select(opts.length - 1); }
				else if (opts.length) { select(active > 0 ? active - 1 : opts.length - 1); }
				break;
			case "Enter":
				if (!list.hidden && active >= 0) {
					e.preventDefault();
					go(opts[active]);
				}
				break;
			case "Escape":
				if (!list.hidden) {
					e.preventDefault();
					open(false);
				} else if (input.value !== "") {
					e.preventDefault();
					input.value = "";
				}
				break;
			case "Tab":
				open(false);
				break;
			}
		});
		input.addEventListener("blur", function () {
			// After a click on an option, which moves no focus (mousedown
			// is kept from the list).
			setTimeout(function () { if (document.activeElement !== input) { open(false); } }, 0);
		});
		list.addEventListener("mousedown", function (e) { e.preventDefault(); });
		list.addEventListener("click", function (e) {
			var opt = e.target.closest("[role=option]");
			if (opt) { go(opt); }
		});
	}

	var inputs = document.querySelectorAll("input[data-suggest]");
	for (var i = 0; i < inputs.length; i++) { setup(inputs[i], i); }
})();
