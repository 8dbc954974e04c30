// The selection as you browse: the last selection page seen is kept in
// this browser (localStorage, never sent anywhere but in the links the
// reader follows), and "Ajouter à ma sélection" adds to it instead of
// starting a new one. Without this script each button starts a selection
// of its own, which the selection page's form then extends.
(function () {
	"use strict";
	var key = "vocation.selection";

	function load() {
		try {
			return window.localStorage.getItem(key) || "";
		} catch (e) {
			return "";
		}
	}

	var page = document.querySelector("[data-selection]");
	if (page) {
		try {
			window.localStorage.setItem(key, page.getAttribute("data-selection"));
		} catch (e) {
			// Storage refused (private browsing): the links still work.
		}
		return;
	}

	// The kept fiches and searches go first, so the new ones come last.
	function prepend(data) {
		var kept = new URLSearchParams(load());
		var own = Array.from(data.entries());
		Array.from(data.keys()).forEach(function (k) { data.delete(k); });
		kept.forEach(function (v, k) { data.append(k, v); });
		own.forEach(function (e) { data.append(e[0], e[1]); });
	}

	document.addEventListener("submit", function (e) {
		var form = e.target;
		var to = e.submitter && e.submitter.getAttribute("formaction") || form.getAttribute("action");
		form.dataset.toSelection = to === "/selection" ? "1" : "";
	});
	document.addEventListener("formdata", function (e) {
		if (e.target.dataset.toSelection === "1") {
			prepend(e.formData);
		}
	});
})();
