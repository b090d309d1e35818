# washboard figure base/compute/cap-math: raw score against training compute.
# Generated from data/report.json; the data is also in base/compute/cap-math.csv.
# Redraw it from the figures/ directory: gnuplot -d base/compute/cap-math.gp
reset
set encoding utf8
set title 'Math' . "\n" . 'Spearman ρ with training compute = 100.0% · n = 5' textcolor rgb '#1b1d21'
set logscale x 10
set format x '1e%L'
set xlabel 'training compute (FLOP, log scale)'
set ylabel 'Accuracy'
$points << EOD
# x y
2e+21 0.392
8e+22 0.524
2.6e+23 0.637
5e+23 0.648
9e+23 0.728
EOD
$fit << EOD
# x fitted_y
2e+21 0.37484592174348386
8e+22 0.5675886389624827
2.6e+23 0.629172968156348
5e+23 0.663340407281749
9e+23 0.694052063855938
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
set yrange [0.35:0.75]
set ytics 0.05
set label 'fit on log10 FLOP' at first 9.713038098531812e+23, first 0.694052063855938 left font ',8' textcolor rgb '#555555' front
set label 'Large 70B' at first 9.713038098531812e+23, first 0.728 left font ',8' textcolor rgb '#333333' front
set label 'a|b *c* [d](e)' at first 5.396132276962113e+23, first 0.648 left font ',8' textcolor rgb '#333333' front
set label '<script>alert(1)</script>' at first 2.4091329368446614e+23, first 0.637 right font ',8' textcolor rgb '#333333' front
set label 'Mid 7B' at first 8.633811643139385e+22, first 0.524 left font ',8' textcolor rgb '#333333' front
set label 'Tiny 1B' at first 1.8531791821882005e+21, first 0.392 right font ',8' textcolor rgb '#333333' front

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'base/compute/cap-math.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#555555' title 'fit on log10 FLOP'
unset output

# The dark variant, for pages read in dark mode: the same drawing with the
# text, axes and grid in a dark palette (the data keep their colours).
reset
set encoding utf8
set title 'Math' . "\n" . 'Spearman ρ with training compute = 100.0% · n = 5' textcolor rgb '#e6e8eb'
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
set yrange [0.35:0.75]
set ytics 0.05
set label 'fit on log10 FLOP' at first 9.713038098531812e+23, first 0.694052063855938 left font ',8' textcolor rgb '#8b929c' front
set label 'Large 70B' at first 9.713038098531812e+23, first 0.728 left font ',8' textcolor rgb '#c9ced6' front
set label 'a|b *c* [d](e)' at first 5.396132276962113e+23, first 0.648 left font ',8' textcolor rgb '#c9ced6' front
set label '<script>alert(1)</script>' at first 2.4091329368446614e+23, first 0.637 right font ',8' textcolor rgb '#c9ced6' front
set label 'Mid 7B' at first 8.633811643139385e+22, first 0.524 left font ',8' textcolor rgb '#c9ced6' front
set label 'Tiny 1B' at first 1.8531791821882005e+21, first 0.392 right font ',8' textcolor rgb '#c9ced6' front
set xlabel textcolor rgb '#c9ced6'
set ylabel textcolor rgb '#c9ced6'
set x2label textcolor rgb '#c9ced6'
set y2label textcolor rgb '#c9ced6'
set terminal svg size 720,480 fixed noenhanced background '#14161a' font 'sans,11'
set output 'base/compute/dark/cap-math.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#8b929c' title 'fit on log10 FLOP'
unset output
