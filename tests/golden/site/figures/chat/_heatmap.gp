# washboard figure chat/_heatmap: Spearman correlations between the capability benchmarks.
# Generated from data/report.json; the data is also in chat/_heatmap.csv.
# Redraw it from the figures/ directory: gnuplot -d chat/_heatmap.gp
reset
set encoding utf8
$matrix << EOD
1 0.9642857142857142 0.9642857142857142 0.9999999999999999 0.9642857142857142 0.9642857142857142
0.9642857142857142 1 0.8928571428571428 0.9642857142857142 0.9999999999999999 0.9285714285714285
0.9642857142857142 0.8928571428571428 1 0.9642857142857142 0.8928571428571428 0.8928571428571428
0.9999999999999999 0.9642857142857142 0.9642857142857142 1 0.9642857142857142 0.9642857142857142
0.9642857142857142 0.9999999999999999 0.8928571428571428 0.9642857142857142 1 0.9285714285714285
0.9642857142857142 0.9285714285714285 0.8928571428571428 0.9642857142857142 0.9285714285714285 1
EOD
set title 'Correlations between capability benchmarks' . "\n" . 'Chat models · n = 7 models with every capability benchmark' textcolor rgb '#1b1d21'
set border 0
unset grid
unset key
set size ratio 1
set xrange [-0.5:5.5]
set yrange [5.5:-0.5]
set xtics scale 0 rotate by 40 right font ',9' textcolor rgb '#333333' ('QA' 0, 'Math' 1, 'Code' 2, 'Reading' 3, 'Science' 4, 'Logic' 5)
set ytics scale 0 font ',9' textcolor rgb '#333333' ('QA' 0, 'Math' 1, 'Code' 2, 'Reading' 3, 'Science' 4, 'Logic' 5)
set cbrange [-1:1]
set cbtics 0.5 scale 0.6 textcolor rgb '#333333'
set palette defined (-1 '#5E3C99', -0.5 '#B2ABD2', 0 '#F7F7F7', 0.5 '#FDB863', 1 '#E66101')
set cblabel 'Spearman ρ' textcolor rgb '#333333'

# Outputs, relative to the figures/ directory.
set terminal svg size 720,640 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'chat/_heatmap.svg'
plot $matrix matrix with image pixels, $matrix matrix using 1:2:($3 > -0.5 ? sprintf('%.2f', $3) : '') with labels font ',9' textcolor rgb '#000000', $matrix matrix using 1:2:($3 <= -0.5 ? sprintf('%.2f', $3) : '') with labels font ',9' textcolor rgb '#ffffff'
unset output

# The dark variant, for pages read in dark mode: the same drawing with the
# text, axes and grid in a dark palette (the data keep their colours).
reset
set encoding utf8
set title 'Correlations between capability benchmarks' . "\n" . 'Chat models · n = 7 models with every capability benchmark' textcolor rgb '#e6e8eb'
set border 0
unset grid
unset key
set size ratio 1
set xrange [-0.5:5.5]
set yrange [5.5:-0.5]
set xtics scale 0 rotate by 40 right font ',9' textcolor rgb '#c9ced6' ('QA' 0, 'Math' 1, 'Code' 2, 'Reading' 3, 'Science' 4, 'Logic' 5)
set ytics scale 0 font ',9' textcolor rgb '#c9ced6' ('QA' 0, 'Math' 1, 'Code' 2, 'Reading' 3, 'Science' 4, 'Logic' 5)
set cbrange [-1:1]
set cbtics 0.5 scale 0.6 textcolor rgb '#c9ced6'
set palette defined (-1 '#5E3C99', -0.5 '#B2ABD2', 0 '#F7F7F7', 0.5 '#FDB863', 1 '#E66101')
set cblabel 'Spearman ρ' textcolor rgb '#c9ced6'
set xlabel textcolor rgb '#c9ced6'
set ylabel textcolor rgb '#c9ced6'
set x2label textcolor rgb '#c9ced6'
set y2label textcolor rgb '#c9ced6'
set terminal svg size 720,640 fixed noenhanced background '#14161a' font 'sans,11'
set output 'chat/dark/_heatmap.svg'
plot $matrix matrix with image pixels, $matrix matrix using 1:2:($3 > -0.5 ? sprintf('%.2f', $3) : '') with labels font ',9' textcolor rgb '#000000', $matrix matrix using 1:2:($3 <= -0.5 ? sprintf('%.2f', $3) : '') with labels font ',9' textcolor rgb '#ffffff'
unset output
