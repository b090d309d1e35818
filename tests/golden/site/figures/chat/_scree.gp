# washboard figure chat/_scree: eigenvalues of the capability correlation matrix.
# Generated from data/report.json; the data is also in chat/_scree.csv.
# Redraw it from the figures/ directory: gnuplot -d chat/_scree.gp
reset
set encoding utf8
$eigen << EOD
# component eigenvalue share_of_variance
1 5.751410172355081 0.9585683620591795
2 0.1512483025615995 0.02520805042693323
3 0.0896657110170254 0.014944285169504223
4 0.007675814066296477 0.0012793023443827454
5 5.832059506077897e-16 9.720099176796488e-17
6 1.2213834382091214e-16 2.0356390636818673e-17
EOD
set border 3 lc rgb '#555555'
set tics nomirror out scale 0.6 textcolor rgb '#333333'
set grid back lc rgb '#e6e6e6' lw 1 dt solid
set key noautotitle textcolor rgb '#333333'
set title 'Scree plot: PC1 explains 95.9% of the variance' . "\n" . 'Chat models · 6 capability benchmarks' textcolor rgb '#1b1d21'
set xrange [0.4:6.6]
set yrange [0:*]
set xtics scale 0 ('PC1' 1, 'PC2' 2, 'PC3' 3, 'PC4' 4, 'PC5' 5, 'PC6' 6)
set grid noxtics
set ylabel 'eigenvalue'
set boxwidth 0.6
set style fill solid 0.85 noborder
set key top right

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'chat/_scree.svg'
plot $eigen using 1:2 with boxes lc rgb '#0072B2' title 'eigenvalue', $eigen using 1:2:(sprintf('%.1f%%', 100 * $3)) with labels offset 0,0.8 font ',9' textcolor rgb '#333333', 1 with lines dt 2 lc rgb '#555555' title 'eigenvalue 1 (Kaiser criterion)'
unset output

# The dark variant, for pages read in dark mode: the same drawing with the
# text, axes and grid in a dark palette (the data keep their colours).
reset
set encoding utf8
set border 3 lc rgb '#8b929c'
set tics nomirror out scale 0.6 textcolor rgb '#c9ced6'
set grid back lc rgb '#2a2e35' lw 1 dt solid
set key noautotitle textcolor rgb '#c9ced6'
set title 'Scree plot: PC1 explains 95.9% of the variance' . "\n" . 'Chat models · 6 capability benchmarks' textcolor rgb '#e6e8eb'
set xrange [0.4:6.6]
set yrange [0:*]
set xtics scale 0 ('PC1' 1, 'PC2' 2, 'PC3' 3, 'PC4' 4, 'PC5' 5, 'PC6' 6)
set grid noxtics
set ylabel 'eigenvalue'
set boxwidth 0.6
set style fill solid 0.85 noborder
set key top right
set xlabel textcolor rgb '#c9ced6'
set ylabel textcolor rgb '#c9ced6'
set x2label textcolor rgb '#c9ced6'
set y2label textcolor rgb '#c9ced6'
set terminal svg size 720,480 fixed noenhanced background '#14161a' font 'sans,11'
set output 'chat/dark/_scree.svg'
plot $eigen using 1:2 with boxes lc rgb '#0072B2' title 'eigenvalue', $eigen using 1:2:(sprintf('%.1f%%', 100 * $3)) with labels offset 0,0.8 font ',9' textcolor rgb '#c9ced6', 1 with lines dt 2 lc rgb '#8b929c' title 'eigenvalue 1 (Kaiser criterion)'
unset output
