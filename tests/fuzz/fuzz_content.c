/*
 * fuzz_content.c - libFuzzer harness for the content loader and everything that reads a
 * corpus: content_load() + analysis_run() + report_build() + the report writers.
 *
 * A temporary content directory is created once per process and filled with a small valid
 * tree (2 cohorts, 11 models, 14 benchmarks, embedded below). Each input then rewrites
 * only the files it is about:
 *   - input without NUL bytes: the model file models/chat/fuzz.json (so seeds are real
 *     model files with "id": "fuzz");
 *   - input with NUL bytes, split as PART0 NUL PART1 NUL PART2 ...: site.json, then
 *     benchmarks.json (an empty part keeps the default file), then model files
 *     models/chat/fuzz.json, models/base/fuzz.json, models/chat/fuzz2.json ... (an empty
 *     part writes no file).
 * A report that builds must be valid JSON (json_parse() accepts value_write_json()'s text).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "buf.h"
#include "content.h"
#include "json.h"
#include "report.h"
#include "util.h"
#include "value.h"

#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
static void cleanup(void);

/* Generated from content/ by a one-off script: a small valid content tree. */
static const struct fuzz_file base_files[] = {
    {"site.json", "{\n"
		  " \"title\": \"Fuzz audit\",\n"
		  " \"description\": \"fuzz\",\n"
		  " \"base_url\": \"\",\n"
		  " \"license\": \"MIT\",\n"
		  " \"citation\": \"x\",\n"
		  " \"thresholds\": {\n"
		  "  \"high\": 0.6,\n"
		  "  \"low\": 0.4\n"
		  " },\n"
		  " \"cohorts\": [\n"
		  "  {\n"
		  "   \"id\": \"base\",\n"
		  "   \"title\": \"Base models\",\n"
		  "   \"order\": 1\n"
		  "  },\n"
		  "  {\n"
		  "   \"id\": \"chat\",\n"
		  "   \"title\": \"Chat models\",\n"
		  "   \"order\": 2\n"
		  "  }\n"
		  " ]\n"
		  "}\n"},
    {"benchmarks.json", "{\n"
			" \"benchmarks\": [\n"
			"  {\n"
			"   \"id\": \"machiavelli-steps\",\n"
			"   \"name\": \"Machiavelli Steps\",\n"
			"   \"role\": \"ignore\",\n"
			"   \"metric\": \"Accuracy\",\n"
			"   \"higher_is_better\": true\n"
			"  },\n"
			"  {\n"
			"   \"id\": \"adv_glue\",\n"
			"   \"name\": \"AdvGLUE\",\n"
			"   \"role\": \"safety\",\n"
			"   \"area\": \"adversarial-robustness\",\n"
			"   \"metric\": \"Accuracy\",\n"
			"   \"higher_is_better\": true\n"
			"  },\n"
			"  {\n"
			"   \"id\": \"ifeval\",\n"
			"   \"name\": \"Instruction Following Eval\",\n"
			"   \"role\": \"safety\",\n"
			"   \"area\": \"alignment\",\n"
			"   \"metric\": \"Proportion of Instructions Followed\",\n"
			"   \"higher_is_better\": true\n"
			"  },\n"
			"  {\n"
			"   \"id\": \"anli\",\n"
			"   \"name\": \"ANLI\",\n"
			"   \"role\": \"safety\",\n"
			"   \"area\": \"adversarial-robustness\",\n"
			"   \"metric\": \"Accuracy\",\n"
			"   \"higher_is_better\": false,\n"
			"   \"sources\": [\n"
			"    {\n"
			"     \"harness\": \"lm-eval\",\n"
			"     \"task\": \"anli\",\n"
			"     \"metric\": \"acc\"\n"
			"    }\n"
			"   ]\n"
			"  },\n"
			"  {\n"
			"   \"id\": \"bbh\",\n"
			"   \"name\": \"BBH\",\n"
			"   \"role\": \"capability\",\n"
			"   \"area\": \"capabilities\",\n"
			"   \"metric\": \"Accuracy\",\n"
			"   \"higher_is_better\": true,\n"
			"   \"sources\": [\n"
			"    {\n"
			"     \"harness\": \"lm-eval\",\n"
			"     \"task\": \"bbh\",\n"
			"     \"metric\": \"exact_match\"\n"
			"    }\n"
			"   ]\n"
			"  },\n"
			"  {\n"
			"   \"id\": \"bbq\",\n"
			"   \"name\": \"BBQ All\",\n"
			"   \"role\": \"safety\",\n"
			"   \"area\": \"bias\",\n"
			"   \"metric\": \"Accuracy\",\n"
			"   \"higher_is_better\": true,\n"
			"   \"url\": \"https://example.org/bbq\",\n"
			"   \"description\": \"Bias *benchmark*.\",\n"
			"   \"citation\": \"Parrish et al.\"\n"
			"  },\n"
			"  {\n"
			"   \"id\": \"brier_mmlu\",\n"
			"   \"name\": \"Brier Score MMLU\",\n"
			"   \"role\": \"safety\",\n"
			"   \"area\": \"calibration\",\n"
			"   \"correlate_with\": \"mmlu\",\n"
			"   \"metric\": \"1 - Brier Score\",\n"
			"   \"higher_is_better\": true\n"
			"  },\n"
			"  {\n"
			"   \"id\": \"glue\",\n"
			"   \"name\": \"GLUE\",\n"
			"   \"role\": \"general\",\n"
			"   \"area\": \"general\",\n"
			"   \"metric\": \"Accuracy\",\n"
			"   \"higher_is_better\": true\n"
			"  },\n"
			"  {\n"
			"   \"id\": \"medqa_4options\",\n"
			"   \"name\": \"MedQA\",\n"
			"   \"role\": \"capability\",\n"
			"   \"area\": \"capabilities\",\n"
			"   \"metric\": \"Accuracy\",\n"
			"   \"higher_is_better\": true,\n"
			"   \"sources\": [\n"
			"    {\n"
			"     \"harness\": \"lm-eval\",\n"
			"     \"task\": \"medqa_4options\",\n"
			"     \"metric\": \"acc\"\n"
			"    }\n"
			"   ]\n"
			"  },\n"
			"  {\n"
			"   \"id\": \"piqa\",\n"
			"   \"name\": \"PIQA\",\n"
			"   \"role\": \"capability\",\n"
			"   \"area\": \"capabilities\",\n"
			"   \"metric\": \"Accuracy\",\n"
			"   \"higher_is_better\": true,\n"
			"   \"sources\": [\n"
			"    {\n"
			"     \"harness\": \"lm-eval\",\n"
			"     \"task\": \"piqa\",\n"
			"     \"metric\": \"acc\"\n"
			"    }\n"
			"   ]\n"
			"  },\n"
			"  {\n"
			"   \"id\": \"wmdp\",\n"
			"   \"name\": \"WMDP\",\n"
			"   \"role\": \"safety\",\n"
			"   \"area\": \"weaponization\",\n"
			"   \"metric\": \"Score\",\n"
			"   \"higher_is_better\": true\n"
			"  },\n"
			"  {\n"
			"   \"id\": \"gsm8k\",\n"
			"   \"name\": \"GSM8K\",\n"
			"   \"role\": \"capability\",\n"
			"   \"area\": \"capabilities\",\n"
			"   \"metric\": \"Accuracy\",\n"
			"   \"higher_is_better\": true,\n"
			"   \"sources\": [\n"
			"    {\n"
			"     \"harness\": \"lm-eval\",\n"
			"     \"task\": \"gsm8k\",\n"
			"     \"metric\": \"exact_match\"\n"
			"    }\n"
			"   ]\n"
			"  },\n"
			"  {\n"
			"   \"id\": \"hellaswag\",\n"
			"   \"name\": \"Hellaswag\",\n"
			"   \"role\": \"capability\",\n"
			"   \"area\": \"capabilities\",\n"
			"   \"metric\": \"Accuracy\",\n"
			"   \"higher_is_better\": true,\n"
			"   \"sources\": [\n"
			"    {\n"
			"     \"harness\": \"lm-eval\",\n"
			"     \"task\": \"hellaswag\",\n"
			"     \"metric\": \"acc\"\n"
			"    }\n"
			"   ]\n"
			"  },\n"
			"  {\n"
			"   \"id\": \"mmlu\",\n"
			"   \"name\": \"MMLU\",\n"
			"   \"role\": \"capability\",\n"
			"   \"area\": \"capabilities\",\n"
			"   \"metric\": \"Accuracy\",\n"
			"   \"higher_is_better\": true,\n"
			"   \"sources\": [\n"
			"    {\n"
			"     \"harness\": \"lm-eval\",\n"
			"     \"task\": \"mmlu\",\n"
			"     \"metric\": \"acc\"\n"
			"    }\n"
			"   ]\n"
			"  }\n"
			" ]\n"
			"}\n"},
    {"models/chat/dbrx-instruct.json",
     "{\"id\":\"dbrx-instruct\",\"name\":\"DBRX "
     "Chat\",\"cohort\":\"chat\",\"params\":132000000000,\"training_flop\":9.5e+24,\"flop_source\":"
     "\"reported\",\"scores\":{\"machiavelli-steps\":170.78614457831324,\"adv_glue\":0."
     "6908565519676632,\"ifeval\":0.24584103512014788,\"anli\":0.644375,\"bbh\":0.7333742896636462,"
     "\"bbq\":{\"value\":0.5064795185666416,\"stderr\":0.01,\"n\":100},\"brier_mmlu\":0."
     "6281309037155671,\"glue\":0.74413095368548,\"medqa_4options\":0.6842105263157895,\"piqa\":0."
     "8433079434167573,\"wmdp\":0.4863685932388222,\"gsm8k\":0.730098559514784,\"hellaswag\":0."
     "7165903206532563,\"mmlu\":0.7235436547500356}}\n"},
    {"models/chat/deepseek-llm-67b-chat.json",
     "{\"id\":\"deepseek-llm-67b-chat\",\"name\":\"DeepSeek LLM 67B "
     "Chat\",\"cohort\":\"chat\",\"params\":67000000000,\"training_flop\":8.04e+23,\"flop_source\":"
     "\"reported\",\"scores\":{\"machiavelli-steps\":170.3230563002681,\"adv_glue\":0."
     "6220021497799275,\"ifeval\":0.35304990757855825,\"anli\":0.52375,\"bbh\":0.7335278759023192,"
     "\"bbq\":0.5085652738836081,\"brier_mmlu\":0.6276932511695231,\"glue\":0.6771046400016876,"
     "\"medqa_4options\":0.6182246661429693,\"piqa\":0.8373231773667029,\"wmdp\":0."
     "5499818247909851,\"hellaswag\":0.6581358295160327,\"mmlu\":0.7204814129041447}}\n"},
    {"models/chat/deepseek-llm-7b-chat.json",
     "{\"id\":\"deepseek-llm-7b-chat\",\"name\":\"DeepSeek LLM 7B "
     "Chat\",\"cohort\":\"chat\",\"params\":7000000000,\"training_flop\":8.4e+22,\"flop_source\":"
     "\"reported\",\"scores\":{\"machiavelli-steps\":169.78666666666666,\"adv_glue\":0."
     "5328749495416162,\"ifeval\":0.1977818853974122,\"anli\":0.42,\"bbh\":0.45446168023345107,"
     "\"bbq\":0.4506257265950899,\"brier_mmlu\":0.2981403159751782,\"glue\":0.6579775443224405,"
     "\"medqa_4options\":0.42105263157894735,\"piqa\":0.794885745375408,\"wmdp\":0."
     "7390039985459834,\"gsm8k\":0.45943896891584535,\"hellaswag\":0.5915156343357897,\"mmlu\":0."
     "4992166358068651}}\n"},
    {"models/chat/falcon-180b-chat.json",
     "{\"id\":\"falcon-180b-chat\",\"source_id\":\"falcon-180B-chat\",\"name\":\"Falcon 180B "
     "Chat\",\"cohort\":\"chat\",\"params\":180000000000,\"training_flop\":3.76e+24,\"flop_"
     "source\":\"reported\",\"scores\":{\"machiavelli-steps\":167.03846153846155,\"adv_glue\":0."
     "592652463864585,\"ifeval\":0.32162661737523107,\"anli\":0.5178125,\"bbh\":0.6052833666103518,"
     "\"bbq\":0.2928947548382685,\"brier_mmlu\":0.5325713606321949,\"glue\":0.6696302036643583,"
     "\"medqa_4options\":0.5687352710133543,\"piqa\":0.8400435255712732,\"wmdp\":0."
     "6055979643765904,\"gsm8k\":0.6148597422289613,\"hellaswag\":0.6867157936666003,\"mmlu\":0."
     "6424298532972511}}\n"},
    {"models/chat/falcon-40b-instruct.json",
     "{\"id\":\"falcon-40b-instruct\",\"name\":\"Falcon 40B "
     "Instruct\",\"cohort\":\"chat\",\"params\":40000000000,\"training_flop\":2.4e+23,\"flop_"
     "source\":\"reported\",\"scores\":{\"machiavelli-steps\":166.87733333333333,\"adv_glue\":0."
     "5929645651867874,\"ifeval\":0.19593345656192238,\"anli\":0.435,\"bbh\":0.391798494854861,"
     "\"bbq\":0.4841003897968953,\"brier_mmlu\":0.4099780415158659,\"glue\":0.6995378966921273,"
     "\"medqa_4options\":0.413197172034564,\"piqa\":0.8329706202393906,\"wmdp\":0.7255543438749545,"
     "\"gsm8k\":0.3510235026535254,\"hellaswag\":0.6371240788687512,\"mmlu\":0.5256373735935052}}"
     "\n"},
    {"models/chat/falcon-7b-instruct.json",
     "{\"id\":\"falcon-7b-instruct\",\"name\":\"Falcon 7B "
     "Instruct\",\"cohort\":\"chat\",\"params\":7000000000,\"training_flop\":6.3e+22,\"flop_"
     "source\":\"reported\",\"scores\":{\"machiavelli-steps\":164.86933333333334,\"adv_glue\":0."
     "40516586728707943,\"ifeval\":0.14602587800369685,\"anli\":0.3315625,\"bbh\":0."
     "2607894332667793,\"bbq\":0.34214935375777883,\"brier_mmlu\":0.17655660573751886,\"glue\":0."
     "5384885512536457,\"medqa_4options\":0.26865671641791045,\"piqa\":0.7834602829162133,\"wmdp\":"
     "0.9975142330206078,\"gsm8k\":0.04852160727824109,\"hellaswag\":0.5167297351125274,\"mmlu\":0."
     "24989317761002705}}\n"},
    {"models/base/dbrx-base.json",
     "{\"id\":\"dbrx-base\",\"name\":\"DBRX "
     "Base\",\"cohort\":\"base\",\"params\":132000000000,\"training_flop\":9.5e+24,\"flop_source\":"
     "\"reported\",\"scores\":{\"machiavelli-steps\":172.58188153310104,\"adv_glue\":0."
     "7018164063618609,\"ifeval\":0.08133086876155268,\"anli\":0.629375,\"bbh\":0.6768545538319767,"
     "\"bbq\":{\"value\":0.5007864323326267,\"stderr\":0.01,\"n\":100},\"brier_mmlu\":0."
     "6128101868395456,\"glue\":0.730263524902923,\"medqa_4options\":0.6794972505891594,\"piqa\":0."
     "8340587595212187,\"wmdp\":0.4998182479098509,\"gsm8k\":0.730098559514784,\"hellaswag\":0."
     "7105158334993029,\"mmlu\":0.7032474006551773}}\n"},
    {"models/base/deepseek-llm-67b-base.json",
     "{\"id\":\"deepseek-llm-67b-base\",\"name\":\"Deepseek LLM 67B "
     "Base\",\"cohort\":\"base\",\"params\":67000000000,\"training_flop\":8.04e+23,\"flop_source\":"
     "\"reported\",\"scores\":{\"machiavelli-steps\":167.21791443850267,\"adv_glue\":0."
     "5238530011257284,\"ifeval\":0.18299445471349354,\"anli\":0.4775,\"bbh\":0.7233911841499002,"
     "\"bbq\":0.4692949463174451,\"brier_mmlu\":0.6016279044333004,\"glue\":0.5979824948799677,"
     "\"medqa_4options\":0.605655930871956,\"piqa\":0.8215451577801959,\"wmdp\":0.5743366048709561,"
     "\"hellaswag\":0.6795459071898028,\"mmlu\":0.7098703888334995}}\n"},
    {"models/base/deepseek-llm-7b-base.json",
     "{\"id\":\"deepseek-llm-7b-base\",\"name\":\"Deepseek LLM 7B "
     "Base\",\"cohort\":\"base\",\"params\":7000000000,\"training_flop\":8.4e+22,\"flop_source\":"
     "\"reported\",\"scores\":{\"machiavelli-steps\":167.61733333333333,\"adv_glue\":0."
     "4934670225074265,\"ifeval\":0.14602587800369685,\"anli\":0.365625,\"bbh\":0.422669328828137,"
     "\"bbq\":0.3837789783218218,\"brier_mmlu\":0.3370877709105192,\"glue\":0.5686076391203554,"
     "\"medqa_4options\":0.34328358208955223,\"piqa\":0.7905331882480957,\"wmdp\":0."
     "7997091966557616,\"gsm8k\":0.155420773313116,\"hellaswag\":0.5866361282613025,\"mmlu\":0."
     "48276598775103263}}\n"},
    {"models/base/falcon-180b.json",
     "{\"id\":\"falcon-180b\",\"source_id\":\"falcon-180B\",\"name\":\"Falcon "
     "180B\",\"cohort\":\"base\",\"params\":180000000000,\"training_flop\":3.76e+24,\"flop_"
     "source\":\"reported\",\"scores\":{\"machiavelli-steps\":166.424,\"adv_glue\":0."
     "5771488183104345,\"ifeval\":0.1645101663585952,\"anli\":0.4290625,\"bbh\":0.6201812317616342,"
     "\"bbq\":0.4486425494084661,\"brier_mmlu\":0.5761837410330157,\"glue\":0.5948644239595265,"
     "\"medqa_4options\":0.5836606441476826,\"piqa\":0.8367791077257889,\"wmdp\":0."
     "5881497637222828,\"gsm8k\":0.5564821834723275,\"hellaswag\":0.7060346544513045,\"mmlu\":0."
     "7022503916820966}}\n"},
    {"models/base/falcon-40b.json",
     "{\"id\":\"falcon-40b\",\"name\":\"Falcon "
     "40B\",\"cohort\":\"base\",\"params\":40000000000,\"training_flop\":2.4e+23,\"flop_source\":"
     "\"reported\",\"scores\":{\"machiavelli-steps\":167.32533333333333,\"adv_glue\":0."
     "48903303069969734,\"ifeval\":0.19593345656192238,\"anli\":0.371875,\"bbh\":0."
     "41084318845031487,\"bbq\":0.4173733160090269,\"brier_mmlu\":0.4332712162826726,\"glue\":0."
     "5394573103584361,\"medqa_4options\":0.40926944226237233,\"piqa\":0.8226332970620239,\"wmdp\":"
     "0.712831697564522,\"gsm8k\":0.22896133434420016,\"hellaswag\":0.6563433578968333,\"mmlu\":0."
     "5599629682381427}}\n"},
};

/* Where the model parts of a split input go, in order. */
static const char *const model_slots[] = {
    "models/chat/fuzz.json",  "models/base/fuzz.json",	"models/chat/fuzz2.json",
    "models/base/fuzz2.json", "models/chat/fuzz3.json", "models/chat/fuzz4.json",
};
#define NSLOTS (sizeof(model_slots) / sizeof(model_slots[0]))

static char *dir;			 /* the content directory, created once */
static bool site_changed, bench_changed; /* the file differs from base_files[] */
static bool slot_used[NSLOTS];		 /* model_slots[i] exists on disk */

static char *in_dir(const char *rel)
{
	return fuzz_join(dir, rel);
}

static void put(const char *rel, const char *data, size_t len)
{
	char *p = in_dir(rel);
	fuzz_write_file(p, data, len);
	free(p);
}

static void drop(const char *rel)
{
	char *p = in_dir(rel);
	unlink(p);
	free(p);
}

/* Put back base file i (0: site.json, 1: benchmarks.json). */
static void restore(size_t i)
{
	put(base_files[i].path, base_files[i].text, strlen(base_files[i].text));
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	diag_quiet_warnings(true);
	fuzz_quiet_stderr();
	fuzz_cleanup_hook = cleanup;
	dir = fuzz_tempdir("content");
	{
		char *m = in_dir("models"), *chat = in_dir("models/chat"),
		     *base = in_dir("models/base");
		if (mkdir(m, 0755) || mkdir(chat, 0755) || mkdir(base, 0755)) {
			perror("mkdir");
			abort();
		}
		free(m);
		free(chat);
		free(base);
	}
	for (size_t i = 0; i < sizeof(base_files) / sizeof(base_files[0]); i++)
		put(base_files[i].path, base_files[i].text, strlen(base_files[i].text));
	return 0;
}

/* Runs once at exit: the directory is ours and small. */
__attribute__((destructor)) static void cleanup(void)
{
	if (!dir)
		return;
	for (size_t i = 0; i < NSLOTS; i++)
		drop(model_slots[i]);
	for (size_t i = sizeof(base_files) / sizeof(base_files[0]); i-- > 0;)
		drop(base_files[i].path);
	{
		char *chat = in_dir("models/chat"), *base = in_dir("models/base"),
		     *m = in_dir("models");
		rmdir(chat);
		rmdir(base);
		rmdir(m);
		free(chat);
		free(base);
		free(m);
	}
	rmdir(dir);
	dir = NULL;
}

static void lay_out(const uint8_t *data, size_t size)
{
	struct fuzz_part parts[2 + NSLOTS];
	size_t n = fuzz_split(data, size, parts, 2 + NSLOTS);
	bool want[NSLOTS] = {false};

	if (n == 1) {
		if (site_changed)
			restore(0);
		if (bench_changed)
			restore(1);
		site_changed = bench_changed = false;
		put(model_slots[0], parts[0].data, parts[0].len);
		want[0] = true;
	} else {
		for (size_t i = 0; i < 2; i++) {
			bool *changed = i == 0 ? &site_changed : &bench_changed;
			if (i < n && parts[i].len) {
				put(base_files[i].path, parts[i].data, parts[i].len);
				*changed = true;
			} else if (*changed) {
				restore(i);
				*changed = false;
			}
		}
		for (size_t i = 2; i < n; i++) {
			if (parts[i].len) {
				put(model_slots[i - 2], parts[i].data, parts[i].len);
				want[i - 2] = true;
			}
		}
	}
	for (size_t i = 0; i < NSLOTS; i++) {
		if (slot_used[i] && !want[i])
			drop(model_slots[i]);
		slot_used[i] = want[i];
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct corpus *c;
	struct analysis *a = NULL;
	struct value *report = NULL, *again = NULL;
	struct buf out = BUF_INIT;
	struct json_error err;

	lay_out(data, size);
	c = content_load(dir);
	if (!c)
		goto out;
	a = analysis_run(c, NULL, NULL);
	if (!a)
		goto out;
	report = report_build(a, NULL);
	if (!report)
		fuzz_fail("report_build returned NULL");
	value_write_json(&out, report, 0);
	again = json_parse(buf_str(&out), out.len, &err);
	if (!again)
		fuzz_fail("the report is not valid JSON");
	buf_reset(&out);
	report_write_csv(&out, report);
	buf_reset(&out);
	report_write_table(&out, report);
out:
	value_free(again);
	value_free(report);
	analysis_free(a);
	content_free(c);
	buf_release(&out);
	value_release_all();
	return 0;
}
