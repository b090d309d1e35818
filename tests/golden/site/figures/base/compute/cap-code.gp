# washboard figure base/compute/cap-code: raw score against training compute.
# Generated from data/report.json; the data is also in base/compute/cap-code.csv.
# Redraw it from the figures/ directory: gnuplot -d base/compute/cap-code.gp
reset
set encoding utf8
set title 'Code' . "\n" . 'Spearman ρ with training compute = 100.0% · n = 6' textcolor rgb '#1b1d21'
set logscale x 10
set format x '1e%L'
set xlabel 'training compute (FLOP, log scale)'
set ylabel 'Accuracy'
$points << EOD
# x y
2e+21 0.405
6e+21 0.479
8e+22 0.572
2.6e+23 0.629
5e+23 0.639
9e+23 0.733
EOD
$fit << EOD
# x fitted_y
2e+21 0.41030867367904267
6e+21 0.4616708555038185
8e+22 0.5827706961834342
2.6e+23 0.6378750244848896
5e+23 0.6684473114194309
9e+23 0.6959274387293866
EOD
set border 3 lc rgb '#555555'
set tics nomirror out scale 0.6 textcolor rgb '#333333'
set grid back lc rgb '#e6e6e6' lw 1 dt solid
set key noautotitle textcolor rgb '#333333'
unset key
set lmargin at screen 0.1222
set rmargin at screen 0.9611
set tmargin at screen 0.8583
set bmargin at screen 0.1167
set xrange [1e+21:1e+25]
set yrange [0.35:0.8]
set ytics 0.05
set label 'fit on log10 FLOP' at first 9.713038098531812e+23, first 0.6959274387293866 left font ',8' textcolor rgb '#555555' front
set label 'Large 70B' at first 9.713038098531812e+23, first 0.733 left font ',8' textcolor rgb '#333333' front
set label 'a|b *c* [d](e)' at first 5.396132276962113e+23, first 0.639 left font ',8' textcolor rgb '#333333' front
set label '<script>alert(1)</script>' at first 2.763525104684154e+23, first 0.6201516853932585 left font ',8' textcolor rgb '#333333' front
set label 'Mid 7B' at first 8.633811643139385e+22, first 0.572 left font ',8' textcolor rgb '#333333' front
set label 'Partial 3B' at first 5.559537546564603e+21, first 0.479 right font ',8' textcolor rgb '#333333' front
set label 'Tiny 1B' at first 1.8531791821882005e+21, first 0.405 right font ',8' textcolor rgb '#333333' front

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'base/compute/cap-code.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#555555' title 'fit on log10 FLOP'
unset output

# The dark variant, for pages read in dark mode: the same drawing with the
# text, axes and grid in a dark palette (the data keep their colours).
reset
set encoding utf8
set title 'Code' . "\n" . 'Spearman ρ with training compute = 100.0% · n = 6' textcolor rgb '#e6e8eb'
set logscale x 10
set format x '1e%L'
set xlabel 'training compute (FLOP, log scale)'
set ylabel 'Accuracy'
set border 3 lc rgb '#8b929c'
set tics nomirror out scale 0.6 textcolor rgb '#c9ced6'
set grid back lc rgb '#2a2e35' lw 1 dt solid
set key noautotitle textcolor rgb '#c9ced6'
unset key
set lmargin at screen 0.1222
set rmargin at screen 0.9611
set tmargin at screen 0.8583
set bmargin at screen 0.1167
set xrange [1e+21:1e+25]
set yrange [0.35:0.8]
set ytics 0.05
set label 'fit on log10 FLOP' at first 9.713038098531812e+23, first 0.6959274387293866 left font ',8' textcolor rgb '#8b929c' front
set label 'Large 70B' at first 9.713038098531812e+23, first 0.733 left font ',8' textcolor rgb '#c9ced6' front
set label 'a|b *c* [d](e)' at first 5.396132276962113e+23, first 0.639 left font ',8' textcolor rgb '#c9ced6' front
set label '<script>alert(1)</script>' at first 2.763525104684154e+23, first 0.6201516853932585 left font ',8' textcolor rgb '#c9ced6' front
set label 'Mid 7B' at first 8.633811643139385e+22, first 0.572 left font ',8' textcolor rgb '#c9ced6' front
set label 'Partial 3B' at first 5.559537546564603e+21, first 0.479 right font ',8' textcolor rgb '#c9ced6' front
set label 'Tiny 1B' at first 1.8531791821882005e+21, first 0.405 right font ',8' textcolor rgb '#c9ced6' front
set xlabel textcolor rgb '#c9ced6'
set ylabel textcolor rgb '#c9ced6'
set x2label textcolor rgb '#c9ced6'
set y2label textcolor rgb '#c9ced6'
set terminal svg size 720,480 fixed noenhanced background '#14161a' font 'sans,11'
set output 'base/compute/dark/cap-code.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#8b929c' title 'fit on log10 FLOP'
unset output
