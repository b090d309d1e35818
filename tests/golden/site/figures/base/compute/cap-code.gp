# washboard figure base/compute/cap-code: raw score against training compute.
# Generated from data/report.json; the data is also in base/compute/cap-code.csv.
# Redraw it from the figures/ directory: gnuplot -d base/compute/cap-code.gp
reset
set encoding utf8
set title 'Code' . "\n" . 'Spearman ρ with training compute = 1.00 · n = 6' textcolor rgb '#000000'
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
set key outside bottom center horizontal reverse Left samplen 2
set offsets graph 0.04, graph 0.04, graph 0.06, graph 0.06
set label 'Tiny 1B' at first 2e+21, first 0.405 left offset char 0.6, char 0.4 font ',8' textcolor rgb '#333333' front
set label 'Partial 3B' at first 6e+21, first 0.479 left offset char 0.6, char 0.4 font ',8' textcolor rgb '#333333' front
set label 'Mid 7B' at first 8e+22, first 0.572 left offset char 0.6, char 0.4 font ',8' textcolor rgb '#333333' front
set label '<script>alert(1)</script>' at first 2.6e+23, first 0.629 right offset char -0.6, char 0.4 font ',8' textcolor rgb '#333333' front
set label 'a|b *c* [d](e)' at first 5e+23, first 0.639 right offset char -0.6, char 0.4 font ',8' textcolor rgb '#333333' front
set label 'Large 70B' at first 9e+23, first 0.733 right offset char -0.6, char 0.4 font ',8' textcolor rgb '#333333' front

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'base/compute/cap-code.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#555555' title 'least-squares fit on log10 FLOP'
unset output
