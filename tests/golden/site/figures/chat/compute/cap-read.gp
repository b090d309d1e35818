# washboard figure chat/compute/cap-read: raw score against training compute.
# Generated from data/report.json; the data is also in chat/compute/cap-read.csv.
# Redraw it from the figures/ directory: gnuplot -d chat/compute/cap-read.gp
reset
set encoding utf8
set title 'Reading' . "\n" . 'Spearman ρ with training compute = — · n = 1' textcolor rgb '#1b1d21'
unset border
unset tics
unset key
unset grid
set xrange [0:1]
set yrange [0:1]
set label 1 'not enough models with known training compute' at graph 0.5, graph 0.5 center font ',12' textcolor rgb '#666666'

# Outputs, relative to the figures/ directory.
set terminal svg size 720,480 fixed noenhanced background '#ffffff' font 'sans,11'
set output 'chat/compute/cap-read.svg'
plot 2 notitle
unset output

# The dark variant, for pages read in dark mode: the same drawing with the
# text, axes and grid in a dark palette (the data keep their colours).
reset
set encoding utf8
set title 'Reading' . "\n" . 'Spearman ρ with training compute = — · n = 1' textcolor rgb '#e6e8eb'
unset border
unset tics
unset key
unset grid
set xrange [0:1]
set yrange [0:1]
set label 1 'not enough models with known training compute' at graph 0.5, graph 0.5 center font ',12' textcolor rgb '#a3aab5'
set xlabel textcolor rgb '#c9ced6'
set ylabel textcolor rgb '#c9ced6'
set x2label textcolor rgb '#c9ced6'
set y2label textcolor rgb '#c9ced6'
set terminal svg size 720,480 fixed noenhanced background '#14161a' font 'sans,11'
set output 'chat/compute/dark/cap-read.svg'
plot 2 notitle
unset output
