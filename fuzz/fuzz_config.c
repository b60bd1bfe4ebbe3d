/*
 * libFuzzer harness: the configuration parser (.pblint.yaml) and the local
 * policies it declares.
 *
 * The input is written as a configuration file and read the way the CLI
 * reads one given with --config (no user configuration, plugins not
 * allowed, so no file the input names is ever loaded); its messages are
 * read; when it has no errors it is applied for a file inside and a file
 * outside its folder, the settings are printed, and a real filing is linted
 * with the policies it declares.  Besides the sanitizers' findings, the
 * harness traps when a configuration with errors has no message saying so,
 * or a message does not start with the file's path.
 */
#include <pblint/pblint.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef PBLINT_FUZZ_FILING
#define PBLINT_FUZZ_FILING ""
#endif

#define CHECK(cond)                                                                               \
    do {                                                                                          \
        if (!(cond)) {                                                                            \
            fprintf(stderr, "fuzz_config: broken promise: %s (%s:%d)\n", #cond, __FILE__,         \
                    __LINE__);                                                                    \
            abort();                                                                              \
        }                                                                                         \
    } while (0)

static char dir[64];
static char cfg_path[128];
static char inside[128];
static char *filing;
static size_t filing_len;

/* A small declaration, when the sample filing cannot be read. */
static const char fallback[] =
    "财政项目支出绩效目标申报表（项目总体情况）\n（ 2024 年）\n金额单位：元\n"
    "项目名称\t社区老年助餐服务\n联系电话:\t021-64001234\n"
    "项目资金\t一、项目总预算: 360000\n\t二、当年预算:\t\t360000\n"
    "年 度 绩效目标\t全年助餐服务不少于40000人次；老人满意度达95%以上。\n"
    "\t一级目标\t二级目标\t三级目标\t目标值\t备 注\n"
    "绩效目标\t产出目标\t数量\t助餐服务人次\t≥40000人次\t\n"
    "\t影响力目标\t满意度\t老人满意度\t95%\t问卷调查\n"
    "\t项目名称\t项目内容\t\t项目明细\t明细金额\t单价\t依据\t数量\t依据\t备注\n"
    "项目构成分解\t社区老年助餐服务\t助餐补贴\t\t餐费补贴\t360000.00\t9.00\t测算\t40000\t测算\n";

static void cleanup(void)
{
    unlink(cfg_path);
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(dir, sizeof dir, "%s/pblint-fuzz-XXXXXX", base);
    if (!mkdtemp(dir))
        abort();
    snprintf(cfg_path, sizeof cfg_path, "%s/%s", dir, PBLINT_CONFIG_NAME);
    snprintf(inside, sizeof inside, "%s/archive/d-draft.txt", dir);
    atexit(cleanup);
    FILE *f = fopen(PBLINT_FUZZ_FILING, "rb");
    if (f) {
        FILE *m = open_memstream(&filing, &filing_len);
        char buf[4096];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, f)) > 0)
            fwrite(buf, 1, n, m);
        fclose(m);
        fclose(f);
    }
    if (!filing || !filing_len) {
        free(filing);
        filing = strdup(fallback);
        filing_len = strlen(fallback);
    }
    return 0;
}

static void print_config(const pblint_ctx *ctx, const pblint_config *cfg, const char *path)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    CHECK(f != NULL);
    pblint_config_print(ctx, cfg, path, f);
    fclose(f);
    free(buf);
}

static void lint_with(pblint_ctx *ctx, const pblint_config *cfg, const char *path)
{
    if (pblint_config_apply(ctx, cfg, path) != 0)
        return;
    print_config(ctx, cfg, path);
    pblint_result *res = NULL;
    if (pblint_lint(ctx, path, filing, filing_len, &res) == 0) {
        pblint_text_options to = PBLINT_TEXT_OPTIONS_INIT;
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        CHECK(f != NULL);
        pblint_render_text(res, &to, f);
        fclose(f);
        free(buf);
        pblint_result_free(res);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *f = fopen(cfg_path, "wb");
    if (!f)
        return 0;
    if (size && fwrite(data, 1, size, f) != size) {
        fclose(f);
        return 0;
    }
    fclose(f);

    pblint_ctx *ctx = pblint_ctx_new();
    if (!ctx)
        return 0;
    pblint_config_options opts = PBLINT_CONFIG_OPTIONS_INIT;
    opts.config = cfg_path;
    opts.user_config = "";
    opts.allow_plugins = false;
    pblint_config_set *set = NULL;
    int rc = pblint_config_set_new(ctx, &opts, &set);
    if (rc == 0 || rc == PBLINT_ECONFIG) {
        CHECK(set != NULL);
        const pblint_config *cfg = NULL;
        int lrc = pblint_config_set_lookup(set, inside, &cfg);
        if (cfg) {
            const char *shown = pblint_config_path(cfg);
            CHECK(shown != NULL);
            size_t nm = pblint_config_message_count(cfg);
            bool errors = false;
            for (size_t i = 0; i < nm; i++) {
                int sev = -99;
                const char *m = pblint_config_message(cfg, i, &sev);
                CHECK(m != NULL);
                CHECK(strncmp(m, shown, strlen(shown)) == 0);
                CHECK(sev >= PBLINT_SEV_NOTE && sev <= PBLINT_SEV_ERROR);
                errors |= sev == PBLINT_SEV_ERROR;
            }
            CHECK(pblint_config_ok(cfg) == !errors);
            CHECK((lrc == PBLINT_ECONFIG) == !pblint_config_ok(cfg));
            if (pblint_config_ok(cfg)) {
                lint_with(ctx, cfg, inside);
                lint_with(ctx, cfg, "/elsewhere/d.txt");
                /* a second context of the same run gets the same rule table */
                pblint_ctx *other = pblint_ctx_new();
                if (other) {
                    if (pblint_config_set_prepare(set, other) == 0)
                        CHECK(pblint_ctx_rule_count(other) == pblint_ctx_rule_count(ctx));
                    lint_with(other, cfg, inside);
                    pblint_ctx_free(other);
                }
            }
        }
        pblint_config_set_free(set);
    }
    pblint_ctx_free(ctx);
    return 0;
}
