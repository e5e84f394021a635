#!/bin/sh
# SPDX-License-Identifier: MIT
# The scaling rows of make bench as an SVG: cost per 4 KiB page (ns, log
# scale) against the size scanned (MiB, log scale), for vasinfo's RANGE,
# pagemap and PAGEMAP_SCAN, over 4 KiB pages (solid) and THPs (dashed);
# one panel per bench output (one per kernel). A flat line is a cost that
# grows linearly with the size.
#   tests/bench/plot.sh BENCH-OUTPUT... >PLOT.svg
# docs/performance-scaling.svg was made so from make bench's outputs
# (build/bench-*.txt).
[ $# -gt 0 ] || { echo "usage: tests/bench/plot.sh BENCH-OUTPUT..." >&2; exit 2; }
awk '
function log10(x) { return log(x) / log(10) }
function log2(x) { return log(x) / log(2) }
FNR == 1 { panel++; kernel[panel] = FILENAME }
/^# kernel [0-9]/ { k = $3; sub(/,$/, "", k); kernel[panel] = k }
$1 == "scale" {
	# scale KIND... N MiB vs KNAME  vasinfo V pages/s [..]  KNAME K  ratio R
	kind = $2 == "THP" ? "THP" : "4 KiB"
	for (i = 1; i <= NF; i++)
		if ($i == "MiB") size = $(i - 1)
	for (i = 1; i <= NF; i++)
		if ($i == "vs") kname = $(i + 1)
	v = ""; kv = ""
	for (i = 1; i <= NF; i++) {
		if ($i == "vasinfo" && v == "") { v = $(i + 1); vi = i }
		if (v != "" && i > vi + 1 && $i == kname) kv = $(i + 1)
	}
	if (v == "" || kv == "") next
	if (kname == "pagemap") add(panel, "vasinfo", kind, size, v)
	add(panel, kname, kind, size, kv)
}
function add(p, who, kind, size, pps,   s, c) {
	s = p SUBSEP who SUBSEP kind
	if (!(s in n)) { series[++ns] = s }
	c = ++n[s]
	x[s, c] = size; y[s, c] = 1e9 / pps
	if (xmin == "" || size < xmin) xmin = size
	if (size > xmax) xmax = size
	if (ymin == "" || y[s, c] < ymin) ymin = y[s, c]
	if (y[s, c] > ymax) ymax = y[s, c]
}
function px(size) { return ox + (log2(size) - lx0) / (lx1 - lx0) * W }
function py(ns_) { return oy + H - (log10(ns_) - ly0) / (ly1 - ly0) * H }
END {
	if (!ns) { print "plot.sh: no scaling rows in the input" > "/dev/stderr"; exit 1 }
	W = 380; H = 260; M = 70; PW = W + M + 30
	lx0 = log2(xmin); lx1 = log2(xmax); if (lx1 == lx0) lx1 = lx0 + 1
	ly0 = int(log10(ymin)); if (log10(ymin) < ly0) ly0--
	ly1 = int(log10(ymax)); if (log10(ymax) > ly1) ly1++
	if (ly1 == ly0) ly1++
	color["vasinfo"] = "#1f77b4"; color["pagemap"] = "#ff7f0e"
	color["PAGEMAP_SCAN"] = "#2ca02c"
	tw = panel * PW + 20; th = H + 125
	printf "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">\n", tw, th, tw, th
	printf "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
	for (p = 1; p <= panel; p++) {
		ox = 20 + (p - 1) * PW + M; oy = 30
		printf "<text x=\"%d\" y=\"18\" font-size=\"13\" font-weight=\"bold\">%s: ns per 4 KiB page scanned</text>\n", ox, kernel[p]
		printf "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>\n", ox, oy, W, H
		for (e = ly0; e <= ly1; e++) {
			printf "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", ox, ox + W, py(10 ^ e), py(10 ^ e)
			printf "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%g</text>\n", ox - 4, py(10 ^ e) + 4, 10 ^ e
		}
		for (s2 = xmin; s2 <= xmax; s2 *= 2) {
			printf "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>\n", px(s2), px(s2), oy, oy + H
			printf "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", px(s2), oy + H + 14, (s2 >= 1024 ? s2 / 1024 " G" : s2)
		}
		printf "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">MiB scanned (log)</text>\n", ox + W / 2, oy + H + 30
		printf "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 %d %d)\">ns per page (log)</text>\n", ox - 45, oy + H / 2, ox - 45, oy + H / 2
		for (i = 1; i <= ns; i++) {
			split(series[i], f, SUBSEP)
			if (f[1] != p) continue
			s = series[i]; pts = ""
			for (c = 1; c <= n[s]; c++)
				pts = pts sprintf("%.1f,%.1f ", px(x[s, c]), py(y[s, c]))
			printf "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>\n", pts, color[f[2]], f[3] == "THP" ? " stroke-dasharray=\"6,4\"" : ""
			for (c = 1; c <= n[s]; c++)
				printf "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>\n", px(x[s, c]), py(y[s, c]), color[f[2]]
		}
	}
	# The legend: every series name once.
	ly = H + 85
	split("vasinfo pagemap PAGEMAP_SCAN", who, " ")
	for (w = 1; w <= 3; w++)
		for (k2 = 0; k2 < 2; k2++) {
			lx = 20 + M + (w - 1) * 200
			printf "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>\n", lx, lx + 24, ly + k2 * 16, ly + k2 * 16, color[who[w]], k2 ? " stroke-dasharray=\"6,4\"" : ""
			printf "<text x=\"%d\" y=\"%d\">%s %s</text>\n", lx + 30, ly + k2 * 16 + 4, who[w] == "vasinfo" ? "vasinfo RANGE" : who[w], k2 ? "THP" : "4 KiB pages"
		}
	printf "</svg>\n"
}' "$@"
