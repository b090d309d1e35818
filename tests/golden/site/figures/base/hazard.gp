# washboard figure base/hazard: raw score against the capabilities score.
# Generated from data/report.json; the data is also in base/hazard.csv.
# Redraw it from the figures/ directory: gnuplot -d base/hazard.gp
reset
set encoding utf8
set title 'Hazardous knowledge' . "\n" . 'Spearman ρ = -0.93 · n = 7 · worsens with capabilities' textcolor rgb '#000000'
set xlabel 'capabilities score (first principal component)'
set ylabel 'Accuracy (lower is safer, negated)'
$points << EOD
# x y
-3.5715456905297094 0.714
-1.6136497565288697 0.674
-0.8702196091948856 0.631
0.07508857551594879 0.658
1.2355921816948023 0.625
2.520858429477316 0.553
4.11479817242161 0.575
EOD
$fit << EOD
# x fitted_y
-3.5715456905297094 0.7090521353151004
-1.6136497565288697 0.6702196544676532
-0.8702196091948856 0.6554746231018802
0.07508857551594879 0.6367255867816981
1.2355921816948023 0.6137084114161792
2.520858429477316 0.5882167210335874
4.11479817242161 0.5566028678839017
EOD
set border 3 lc rgb '#555555'
set tics nomirror out scale 0.6 textcolor rgb '#333333'
set grid back lc rgb '#e6e6e6' lw 1 dt solid
set key noautotitle textcolor rgb '#333333'
set key outside bottom center horizontal reverse Left samplen 2
set offsets graph 0.04, graph 0.04, graph 0.06, graph 0.06
set label 'Tiny 1B' at first -3.5715456905297094, first 0.714 left offset char 0.6, char 0.4 font ',8' textcolor rgb '#333333' front
set label '"><img src=x onerror=alert(…' at first -1.6136497565288697, first 0.674 left offset char 0.6, char 0.4 font ',8' textcolor rgb '#333333' front
set label 'O''Brien' at first -0.8702196091948856, first 0.631 left offset char 0.6, char 0.4 font ',8' textcolor rgb '#333333' front
set label 'Mid 7B' at first 0.07508857551594879, first 0.658 left offset char 0.6, char 0.4 font ',8' textcolor rgb '#333333' front
set label '<script>alert(1)</script>' at first 1.2355921816948023, first 0.625 left offset char 0.6, char 0.4 font ',8' textcolor rgb '#333333' front
set label 'a|b *c* [d](e)' at first 2.520858429477316, first 0.553 right offset char -0.6, char 0.4 font ',8' textcolor rgb '#333333' front
set label 'Large 70B' at first 4.11479817242161, first 0.575 right offset char -0.6, char 0.4 font ',8' textcolor rgb '#333333' front

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'base/hazard.svg'
plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '#0072B2' title 'models', $fit using 1:2 with lines lw 2 lc rgb '#7B3294' title 'fit: what capabilities predict'
unset output
