# washboard figure base/_scree: eigenvalues of the capability correlation matrix.
# Generated from data/report.json; the data is also in base/_scree.csv.
# Redraw it from the figures/ directory: gnuplot -d base/_scree.gp
reset
set encoding utf8
$eigen << EOD
# component eigenvalue share_of_variance
1 5.9200158178758615 0.9866693029793098
2 0.07142857142857233 0.01190476190476205
3 0.008555610695567924 0.0014259351159279867
4 4.972248432291787e-16 8.287080720486308e-17
5 1.122591724772881e-16 1.870986207954801e-17
6 8.038925010756404e-17 1.3398208351260667e-17
EOD
set border 3 lc rgb '#555555'
set tics nomirror out scale 0.6 textcolor rgb '#333333'
set grid back lc rgb '#e6e6e6' lw 1 dt solid
set key noautotitle textcolor rgb '#333333'
set title 'Scree plot: PC1 explains 98.7% of the variance' . "\n" . 'Base models · 6 capability benchmarks' textcolor rgb '#1b1d21'
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
set output 'base/_scree.svg'
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
set title 'Scree plot: PC1 explains 98.7% of the variance' . "\n" . 'Base models · 6 capability benchmarks' textcolor rgb '#e6e8eb'
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
set output 'base/dark/_scree.svg'
plot $eigen using 1:2 with boxes lc rgb '#0072B2' title 'eigenvalue', $eigen using 1:2:(sprintf('%.1f%%', 100 * $3)) with labels offset 0,0.8 font ',9' textcolor rgb '#c9ced6', 1 with lines dt 2 lc rgb '#8b929c' title 'eigenvalue 1 (Kaiser criterion)'
unset output
