#!/bin/sh
# Regenerate the bundled content from the paper's CSVs in content/sources/safetywashing/, and
# the registry's benchmarks that are in no paper CSV from content/sources/registry/.
# usage: scripts/import-paper-data.sh WASHBOARD CONTENT_DIR
set -eu
wb=${1:?usage: $0 WASHBOARD CONTENT_DIR}
content=${2:?usage: $0 WASHBOARD CONTENT_DIR}
src=$(dirname "$0")/../content/sources/safetywashing
for cohort in base chat; do
	case $cohort in
	base) title="Base models" ;;
	chat) title="Chat models" ;;
	esac
	"$wb" import csv --content "$content" --cohort "$cohort" --cohort-title "$title" \
		--matrix "$src/benchmarks_${cohort}_models.csv" \
		--info "$src/benchmarks_info.csv" --taxonomy "$src/taxonomy.csv" \
		--task-map "$src/../task-map.csv" \
		--source "Ren et al. (2024), safetywashing data: benchmarks_${cohort}_models.csv"
done
# The registry's benchmarks that are in no paper CSV (HELM Safety, Open LLM Leaderboard v2):
# benchmarks of role "ignore" with their sources, so that importers can fill them.
reg=$(dirname "$0")/../content/sources/registry
"$wb" import csv --content "$content" --cohort base --matrix "$reg/benchmarks.csv" \
	--info "$reg/info.csv" --taxonomy "$reg/taxonomy.csv" --task-map "$src/../task-map.csv"
