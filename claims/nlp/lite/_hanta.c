/* HanTa's morphological analysis (analyze_forward, analyze_viterbi) and its sentence
 * Viterbi, in C, over HanTa's own model tables. The same search in the same order: the
 * same states, the same floating-point sums and the same tie-breaking as HanTa's pure
 * Python (HanTa 1.2.1, HanoverTagger.py). claims/nlp/lite/hanta_fast.py wraps it and
 * falls back to the pure Python code when this module is not built or raises. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define OFF 128
#define W 256
#define NKEY (W * W)
#define LOWERBOUND (-1e6)
#define LOGE2 0.693147180559945309417232121458176568
#define EMPTY 0
#define START 1
#define END 2
#define UNKNOWN 3
#define END_UNKNOWN (-3)

#define KEY(a, b) (((a) + OFF) * W + ((b) + OFF))
#define KFIRST(k) ((k) / W - OFF)
#define KSECOND(k) ((k) % W - OFF)

typedef struct {
    int tag;
    double lp;
} Follow;

typedef struct {
    Follow *items;
    int n;
} FollowList;

typedef struct {
    int key;
    double lp;
    int bkey; /* back pointer: state key and row */
    int brow;
} Entry;

typedef struct {
    Entry *e;
    int n, cap;
} Row;

/* A string -> the (tag, log p) it has in per-tag tables, by the strings' own hash;
 * the strings are the tables' keys (the model holds the tables). */
typedef struct {
    Py_hash_t hash;
    PyObject *key; /* borrowed */
    int start, n;  /* its entries: ent[start : start + n] */
} StrEntry;

typedef struct {
    int *slots; /* open addressing: index into e, or -1 */
    int mask;
    StrEntry *e;
    int ne;
    Follow *ent;
} StrIndex;

typedef struct {
    PyObject_HEAD
    FollowList *nonfinal; /* by state key */
    FollowList *final;
    PyObject *m_t[W];     /* dict morpheme -> log p, or NULL */
    PyObject *s_t[W];     /* dict suffix -> log p, or NULL */
    int has_hapax[W];
    double hapax[W];
    double len_t[W][25];
    double int_t;
    unsigned char *reach; /* reach[target][tag], both offset */
    /* the sentence model: LP_trans_word, state -> [(tag, log p)] in HanTa's order */
    int *tstate;      /* state key -> index, or -1 */
    FollowList *trans;
    signed char *tpos; /* [index * W + tag]: position of the tag in trans[index], or -1 */
    int ntrans;
    /* scratch, reused between calls (the GIL is held throughout a call) */
    double *memo;     /* lp_m_t(word[i:j], tag) of the current row i, by j * W + tag */
    unsigned *mstamp; /* by j: the segment's scores are in memo */
    /* LP_m_t and LP_s_t turned around: a string -> its (tag, log p), so that a segment
     * takes one lookup instead of one per tag */
    StrIndex morphs, suffixes;
    int guess_tags[W]; /* tags that may score an unknown morpheme (LP_hapax_t and LP_s_t) */
    int nguess;
    int mcap;
    unsigned mgen;
    Row *rows;
    int nrows;
    long long *hkeys; /* open addressing over (row, key) */
    int *hidx;
    unsigned *hstamp;
    int hcap, hcount;
    unsigned gen;
} Model;

/* ------------------------------------------------------------------ helpers */

static double logaddexp(double x, double y) /* numpy's npy_logaddexp */
{
    if (x == y)
        return x + LOGE2;
    double tmp = x - y;
    if (tmp > 0)
        return x + log1p(exp(-tmp));
    else if (tmp <= 0)
        return y + log1p(exp(tmp));
    return tmp;
}

static unsigned hash64(long long k)
{
    unsigned long long x = (unsigned long long)k * 0x9E3779B97F4A7C15ull;
    return (unsigned)(x >> 32);
}

static int in_range(long t) { return t >= -OFF && t < OFF; }

static int tag_of(PyObject *k, int *t)
{
    long v = PyLong_AsLong(k);
    if (v == -1 && PyErr_Occurred())
        return -1;
    if (!in_range(v)) {
        PyErr_SetString(PyExc_ValueError, "tag out of range");
        return -1;
    }
    *t = (int)v;
    return 0;
}

static int ensure_rows(Model *m, int n)
{
    if (n <= m->nrows)
        return 0;
    Row *r = PyMem_Realloc(m->rows, sizeof(Row) * n);
    if (!r) {
        PyErr_NoMemory();
        return -1;
    }
    for (int i = m->nrows; i < n; i++) {
        r[i].e = NULL;
        r[i].n = 0;
        r[i].cap = 0;
    }
    m->rows = r;
    m->nrows = n;
    return 0;
}

static int hash_grow(Model *m, int cap)
{
    long long *keys = PyMem_Malloc(sizeof(long long) * cap);
    int *idx = PyMem_Malloc(sizeof(int) * cap);
    unsigned *stamp = PyMem_Calloc(cap, sizeof(unsigned));
    if (!keys || !idx || !stamp) {
        PyMem_Free(keys);
        PyMem_Free(idx);
        PyMem_Free(stamp);
        PyErr_NoMemory();
        return -1;
    }
    for (int s = 0; s < m->hcap; s++) {
        if (m->hstamp[s] != m->gen)
            continue;
        unsigned h = hash64(m->hkeys[s]) & (cap - 1);
        while (stamp[h] == m->gen)
            h = (h + 1) & (cap - 1);
        stamp[h] = m->gen;
        keys[h] = m->hkeys[s];
        idx[h] = m->hidx[s];
    }
    PyMem_Free(m->hkeys);
    PyMem_Free(m->hidx);
    PyMem_Free(m->hstamp);
    m->hkeys = keys;
    m->hidx = idx;
    m->hstamp = stamp;
    m->hcap = cap;
    return 0;
}

/* Start a call: every row empty, the (row, state) index empty. */
static int reset(Model *m, int nrows)
{
    if (ensure_rows(m, nrows) < 0)
        return -1;
    for (int i = 0; i < nrows; i++)
        m->rows[i].n = 0;
    m->gen++;
    if (m->gen == 0) { /* wrapped: clear the stamps */
        memset(m->hstamp, 0, sizeof(unsigned) * m->hcap);
        m->gen = 1;
    }
    m->hcount = 0;
    return 0;
}

/* Set row r's state key to lp (with its back pointer) when it is new or lp is higher,
 * as HanTa's "if newstate not in table[j] or lp1 > table[j][newstate]". */
static int relax(Model *m, int r, int key, double lp, int bkey, int brow)
{
    long long full = (long long)r * NKEY + key;
    unsigned h = hash64(full) & (m->hcap - 1);
    while (m->hstamp[h] == m->gen) {
        if (m->hkeys[h] == full) {
            Entry *e = &m->rows[r].e[m->hidx[h]];
            if (lp > e->lp) {
                e->lp = lp;
                e->bkey = bkey;
                e->brow = brow;
            }
            return 0;
        }
        h = (h + 1) & (m->hcap - 1);
    }
    Row *row = &m->rows[r];
    if (row->n == row->cap) {
        int cap = row->cap ? row->cap * 2 : 64;
        Entry *e = PyMem_Realloc(row->e, sizeof(Entry) * cap);
        if (!e) {
            PyErr_NoMemory();
            return -1;
        }
        row->e = e;
        row->cap = cap;
    }
    m->hstamp[h] = m->gen;
    m->hkeys[h] = full;
    m->hidx[h] = row->n;
    Entry *e = &row->e[row->n++];
    e->key = key;
    e->lp = lp;
    e->bkey = bkey;
    e->brow = brow;
    if (++m->hcount * 2 > m->hcap)
        return hash_grow(m, m->hcap * 2);
    return 0;
}

static Entry *lookup(Model *m, int r, int key)
{
    long long full = (long long)r * NKEY + key;
    unsigned h = hash64(full) & (m->hcap - 1);
    while (m->hstamp[h] == m->gen) {
        if (m->hkeys[h] == full)
            return &m->rows[r].e[m->hidx[h]];
        h = (h + 1) & (m->hcap - 1);
    }
    return NULL;
}

/* HanTa's "if len(row) > k: sorted(row.values(), reverse=True)[k] - 1" (k < 8). */
static double row_bound(const Row *row, int k)
{
    if (row->n <= k)
        return LOWERBOUND;
    double top[8];
    int nt = 0;
    for (int s = 0; s < row->n; s++) {
        double v = row->e[s].lp;
        if (nt == k + 1 && !(v > top[k]))
            continue;
        int q = nt < k + 1 ? nt++ : k;
        while (q > 0 && top[q - 1] < v) {
            top[q] = top[q - 1];
            q--;
        }
        top[q] = v;
    }
    return top[k] - 1;
}

/* Look up a float in a dict: 1 found, 0 missing, -1 error. */
static int dict_float(PyObject *d, PyObject *k, double *out)
{
    PyObject *v = PyDict_GetItemWithError(d, k);
    if (!v)
        return PyErr_Occurred() ? -1 : 0;
    *out = PyFloat_AsDouble(v);
    if (*out == -1.0 && PyErr_Occurred())
        return -1;
    return 1;
}

typedef struct {
    PyObject *word;
    int wlen;
    PyObject **suf; /* word[j-k:j] (k = 0..4) at j * 5 + k, made on demand */
    int *sufat;     /* the suffix entries of word[j-k:j] (k = 0..4) at j * 5 + k, */
    int *sufn;      /* -1 until looked up */
} Word;

static PyObject *suffix(Word *w, int j, int k)
{
    PyObject **slot = &w->suf[j * 5 + k];
    if (!*slot)
        *slot = PyUnicode_Substring(w->word, j - k, j);
    return *slot;
}

/* The slot of ``key`` in ``ix``: its entry, or -1 (with *slot where it would go);
 * -2 on error. */
static int str_find(const StrIndex *ix, PyObject *key, Py_hash_t h, int *slot)
{
    int q = (int)((size_t)h & ix->mask);
    while (ix->slots[q] >= 0) {
        const StrEntry *e = &ix->e[ix->slots[q]];
        if (e->hash == h) {
            int c = PyUnicode_Compare(e->key, key);
            if (c == -1 && PyErr_Occurred())
                return -2;
            if (c == 0) {
                *slot = q;
                return ix->slots[q];
            }
        }
        q = (q + 1) & ix->mask;
    }
    *slot = q;
    return -1;
}

/* Entries of ``ix`` for a string: the count, with *at set to the first; -1 on error. */
static int entries(const StrIndex *ix, PyObject *key, int *at)
{
    Py_hash_t h = PyObject_Hash(key);
    if (h == -1)
        return -1;
    int slot, k = str_find(ix, key, h, &slot);
    if (k == -2)
        return -1;
    if (k < 0)
        return 0;
    *at = ix->e[k].start;
    return ix->e[k].n;
}

/* lp_m_t(word[i:j], t, wlen, strict) for every tag t at once, into out[t + OFF]: the
 * morpheme's own score where the tag knows it, else (not strict) the guess from its
 * length and longest known suffix, else -inf. The same sums as HanTa's lp_m_t. */
static int segment_scores(Model *m, Word *w, int i, int j, int strict, double *out)
{
    for (int t = 0; t < W; t++)
        out[t] = -INFINITY;
    int mlen = j - i;
    if (!strict && (w->wlen < 4 || mlen > 2) && m->nguess) {
        double suf[W];
        unsigned char have[W];
        memset(have, 0, sizeof(have));
        for (int k = 4; k >= 0; k--) {
            if (k > 0 && mlen <= k)
                continue;
            int c = j * 5 + k;
            if (w->sufn[c] < 0) { /* the same for every segment ending at j */
                PyObject *sx = suffix(w, j, k);
                if (!sx)
                    return -1;
                w->sufn[c] = entries(&m->suffixes, sx, &w->sufat[c]);
                if (w->sufn[c] < 0)
                    return -1;
            }
            int at = w->sufat[c], n = w->sufn[c];
            for (int q = at; q < at + n; q++) {
                int t = m->suffixes.ent[q].tag + OFF;
                if (!have[t]) {
                    have[t] = 1;
                    suf[t] = m->suffixes.ent[q].lp;
                }
            }
        }
        for (int g = 0; g < m->nguess; g++) {
            int t = m->guess_tags[g] + OFF;
            if (!have[t]) {
                PyErr_SetString(PyExc_KeyError, "");
                return -1;
            }
            double lp = m->int_t + m->hapax[t] + m->len_t[t][mlen < 24 ? mlen : 24] + suf[t];
            if (w->wlen == mlen)
                lp -= 4.6;
            out[t] = lp;
        }
    }
    PyObject *seg = PyUnicode_Substring(w->word, i, j); /* each segment is scored once per row */
    if (!seg)
        return -1;
    int at, n = entries(&m->morphs, seg, &at);
    Py_DECREF(seg);
    if (n < 0)
        return -1;
    for (int q = at; q < at + n; q++)
        out[m->morphs.ent[q].tag + OFF] = m->morphs.ent[q].lp;
    return 0;
}

static void word_free(Word *w)
{
    int n = (w->wlen + 1) * 5;
    for (int k = 0; w->suf && k < n; k++)
        Py_XDECREF(w->suf[k]);
    PyMem_Free(w->suf);
    PyMem_Free(w->sufat);
    PyMem_Free(w->sufn);
    w->suf = NULL;
}

static int word_init(Word *w, PyObject *word)
{
    w->word = word;
    w->wlen = (int)PyUnicode_GET_LENGTH(word);
    w->suf = PyMem_Calloc((size_t)(w->wlen + 1) * 5, sizeof(PyObject *));
    w->sufat = PyMem_Malloc(sizeof(int) * 5 * (w->wlen + 1));
    w->sufn = PyMem_Malloc(sizeof(int) * 5 * (w->wlen + 1));
    if (!w->suf || !w->sufat || !w->sufn) {
        word_free(w);
        PyErr_NoMemory();
        return -1;
    }
    for (int k = 0; k < 5 * (w->wlen + 1); k++)
        w->sufn[k] = -1;
    return 0;
}

/* The morpheme lattice of rows 0..wlen (HanTa's loop over i), keeping back pointers.
 * ``target`` >= 0 restricts the tags to those that can reach it (analyze_viterbi);
 * ``target`` == INT_MIN allows every tag (analyze_forward). */
static int lattice(Model *m, Word *w, int strict, int target)
{
    const unsigned char *reach = target == INT_MIN ? NULL : m->reach + (target + OFF) * W;
    Follow tmp[W];
    int need = (w->wlen + 1) * W;
    if (need > m->mcap) {
        PyMem_Free(m->memo);
        PyMem_Free(m->mstamp);
        m->memo = PyMem_Malloc(sizeof(double) * need);
        m->mstamp = PyMem_Calloc(w->wlen + 1, sizeof(unsigned));
        m->mcap = m->memo && m->mstamp ? need : 0;
        m->mgen = 0;
        if (!m->mcap) {
            PyErr_NoMemory();
            return -1;
        }
    }
    for (int i = 0; i <= w->wlen; i++) {
        Row *row = &m->rows[i];
        if (++m->mgen == 0) { /* wrapped: clear the stamps */
            memset(m->mstamp, 0, sizeof(unsigned) * (m->mcap / W));
            m->mgen = 1;
        }
        double bound = row_bound(row, 3);
        for (int s = 0; s < row->n; s++) {
            int key = row->e[s].key;
            double lp = row->e[s].lp;
            if (lp < bound)
                continue;
            FollowList *fl = &m->nonfinal[key];
            const Follow *fol = fl->items;
            int nf = fl->n;
            if (reach) {
                nf = 0;
                for (int k = 0; k < fl->n; k++)
                    if (reach[fl->items[k].tag + OFF])
                        tmp[nf++] = fl->items[k];
                fol = tmp;
            }
            if (!nf)
                continue;
            int b = KSECOND(key);
            for (int j = i + 1; j <= w->wlen; j++) {
                double *scores = m->memo + j * W;
                if (m->mstamp[j] != m->mgen) {
                    if (segment_scores(m, w, i, j, strict, scores) < 0)
                        return -1;
                    m->mstamp[j] = m->mgen;
                }
                for (int k = 0; k < nf; k++) {
                    double lpm = scores[fol[k].tag + OFF];
                    double lp1 = lp + fol[k].lp + lpm;
                    if (lp1 > LOWERBOUND) {
                        if (relax(m, j, KEY(b, fol[k].tag), lp1, key, i) < 0)
                            return -1;
                    }
                }
            }
        }
    }
    return 0;
}

/* The whole search over a word: the lattice from (EMPTY, START), then the final
 * transitions from row wlen into row wlen + 1 (every one, or only that to ``target``). */
static int search(Model *m, Word *w, int strict, int target)
{
    int n = w->wlen + 2;
    if (reset(m, n) < 0 || relax(m, 0, KEY(EMPTY, START), 0.0, -1, -1) < 0 || lattice(m, w, strict, target) < 0)
        return -1;
    const Row *last = &m->rows[n - 2];
    for (int s = 0; s < last->n; s++) {
        int key = last->e[s].key;
        double lp = last->e[s].lp;
        const FollowList *fl = &m->final[key];
        for (int k = 0; k < fl->n; k++) {
            if (target != INT_MIN && fl->items[k].tag != target)
                continue;
            double lp1 = lp + fl->items[k].lp;
            if (lp1 > LOWERBOUND && relax(m, n - 1, KEY(KSECOND(key), fl->items[k].tag), lp1, key, n - 2) < 0)
                return -1;
            if (target != INT_MIN)
                break; /* HanTa stops at the target's transition */
        }
    }
    return 0;
}

/* ------------------------------------------------------------------ methods */

/* Arguments of the fast-call methods (no tuple to build and parse at each call): the
 * count, then each by kind, with PyArg_ParseTuple's checks ("U", "p", "i", "d", "O!"). */
static int nargs_ok(const char *name, Py_ssize_t nargs, Py_ssize_t lo, Py_ssize_t hi)
{
    if (nargs >= lo && nargs <= hi)
        return 1;
    PyErr_Format(PyExc_TypeError, "%s() takes %zd to %zd arguments (%zd given)", name, lo, hi, nargs);
    return 0;
}

static int arg_str(PyObject *o, PyObject **out)
{
    if (!PyUnicode_Check(o)) {
        PyErr_Format(PyExc_TypeError, "a str expected, not %.100s", Py_TYPE(o)->tp_name);
        return 0;
    }
    *out = o;
    return 1;
}

static int arg_type(PyObject *o, PyTypeObject *type, PyObject **out)
{
    if (!PyObject_TypeCheck(o, type)) {
        PyErr_Format(PyExc_TypeError, "a %.50s expected, not %.100s", type->tp_name, Py_TYPE(o)->tp_name);
        return 0;
    }
    *out = o;
    return 1;
}

static int arg_bool(PyObject *o, int *out)
{
    int v = PyObject_IsTrue(o);
    if (v < 0)
        return 0;
    *out = v;
    return 1;
}

static PyObject *Model_analyze_forward(Model *m, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *word;
    int strict = 0;
    if (!nargs_ok("analyze_forward", nargs, 1, 2) || !arg_str(args[0], &word) || (nargs > 1 && !arg_bool(args[1], &strict)))
        return NULL;
    Word w;
    if (word_init(&w, word) < 0)
        return NULL;
    int n = w.wlen + 2;
    PyObject *result = NULL;
    if (search(m, &w, strict, INT_MIN) < 0)
        goto done;
    Row *fin = &m->rows[n - 1];
    int np = 0;
    int pos[W];
    double val[W];
    for (int s = 0; s < fin->n; s++) {
        double lp = fin->e[s].lp;
        if (lp == -INFINITY)
            continue;
        int p = -KSECOND(fin->e[s].key);
        int k = 0;
        while (k < np && pos[k] != p)
            k++;
        if (k < np)
            val[k] = logaddexp(val[k], lp);
        else {
            pos[np] = p;
            val[np++] = lp;
        }
    }
    /* stable sort, highest first (Python's sort(reverse=True) keeps equal items in order) */
    for (int a = 1; a < np; a++) {
        int pa = pos[a];
        double va = val[a];
        int b = a - 1;
        while (b >= 0 && val[b] < va) {
            pos[b + 1] = pos[b];
            val[b + 1] = val[b];
            b--;
        }
        pos[b + 1] = pa;
        val[b + 1] = va;
    }
    if (np == 0) {
        result = Py_BuildValue("[(ii)]", UNKNOWN, 0);
        goto done;
    }
    result = PyList_New(np);
    if (!result)
        goto done;
    for (int k = 0; k < np; k++) {
        PyObject *t = Py_BuildValue("(id)", pos[k], val[k]);
        if (!t) {
            Py_CLEAR(result);
            goto done;
        }
        PyList_SET_ITEM(result, k, t);
    }
done:
    word_free(&w);
    return result;
}

static PyObject *Model_analyze_viterbi(Model *m, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *word;
    int target;
    if (!nargs_ok("analyze_viterbi", nargs, 2, 2) || !arg_str(args[0], &word))
        return NULL;
    long t = PyLong_AsLong(args[1]);
    if (t == -1 && PyErr_Occurred())
        return NULL;
    if (t < INT_MIN || t > INT_MAX) {
        PyErr_SetString(PyExc_OverflowError, "tag out of range");
        return NULL;
    }
    target = (int)t;
    if (!in_range(target)) {
        PyErr_SetString(PyExc_ValueError, "tag out of range");
        return NULL;
    }
    Word w;
    if (word_init(&w, word) < 0)
        return NULL;
    int n = w.wlen + 2;
    int *keys = NULL, *rowsat = NULL;
    PyObject *result = NULL;
    for (int localstrict = 1; localstrict >= 0; localstrict--) { /* known morphemes first */
        if (search(m, &w, localstrict, target) < 0)
            goto done;
        if (m->rows[n - 1].n > 0)
            break;
    }
    Row *fin = &m->rows[n - 1];
    double pmax = -INFINITY;
    int best = -1;
    for (int s = 0; s < fin->n; s++) {
        if (fin->e[s].lp > pmax) {
            pmax = fin->e[s].lp;
            best = s;
        }
    }
    if (best < 0) {
        result = Py_BuildValue("[(ii)(ii)]", UNKNOWN, n - 2, END_UNKNOWN, n - 1);
        goto done;
    }
    /* follow the back pointers from the last row to row 0 (which is left out); every
     * step goes back at least one row */
    keys = PyMem_Malloc(sizeof(int) * n);
    rowsat = PyMem_Malloc(sizeof(int) * n);
    if (!keys || !rowsat) {
        PyErr_NoMemory();
        goto done;
    }
    int cnt = 0;
    int key = fin->e[best].key, r = n - 1;
    while (r > 0) {
        if (cnt == n) {
            PyErr_SetString(PyExc_RuntimeError, "broken back pointer");
            goto done;
        }
        keys[cnt] = key;
        rowsat[cnt++] = r;
        Entry *e = lookup(m, r, key);
        if (!e) {
            PyErr_SetString(PyExc_RuntimeError, "broken back pointer");
            goto done;
        }
        key = e->bkey;
        r = e->brow;
    }
    result = PyList_New(cnt);
    if (!result)
        goto done;
    for (int k = 0; k < cnt; k++) {
        PyObject *t = Py_BuildValue("(ii)", KSECOND(keys[cnt - 1 - k]), rowsat[cnt - 1 - k]);
        if (!t) {
            Py_CLEAR(result);
            goto done;
        }
        PyList_SET_ITEM(result, k, t);
    }
done:
    PyMem_Free(keys);
    PyMem_Free(rowsat);
    word_free(&w);
    return result;
}

/* tag_sentence([{tag: log p(word | tag)} for each word]): the claims wrapper's exact
 * copy of HanTa's tag_sent_viterbi (claims/nlp/lite_analyzer.py, _fast_viterbi): each
 * state tries only the tags of the next word, or every transition when the word has no
 * tags but UNKNOWN; the six best states of a row go on. Returns the tag of every word. */
static PyObject *Model_tag_sentence(Model *m, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *probs;
    if (!nargs_ok("tag_sentence", nargs, 1, 1) || !arg_type(args[0], &PyList_Type, &probs))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(probs);
    if (n == 0)
        return PyList_New(0);
    if (n > 1000000) {
        PyErr_SetString(PyExc_ValueError, "sentence too long");
        return NULL;
    }
    if (reset(m, (int)n + 1) < 0 || relax(m, 0, KEY(EMPTY, START), 0.0, -1, -1) < 0)
        return NULL;
    PyObject *unknown = PyLong_FromLong(UNKNOWN);
    if (!unknown)
        return NULL;
    int wtag[W];
    double wlp[W];
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *wp = PyList_GET_ITEM(probs, i);
        if (!PyDict_Check(wp)) {
            PyErr_SetString(PyExc_TypeError, "tag probabilities must be a dict");
            goto fail;
        }
        Py_ssize_t nw = PyDict_Size(wp);
        int empty = nw == 0;
        if (nw == 1) {
            int has = PyDict_Contains(wp, unknown);
            if (has < 0)
                goto fail;
            empty = has;
        }
        int nt = 0;
        if (!empty) {
            PyObject *k, *v;
            Py_ssize_t pos = 0;
            while (PyDict_Next(wp, &pos, &k, &v)) {
                int t;
                if (tag_of(k, &t) < 0 || nt == W) {
                    PyErr_SetString(PyExc_ValueError, "tag out of range");
                    goto fail;
                }
                double p = PyFloat_AsDouble(v);
                if (p == -1.0 && PyErr_Occurred())
                    goto fail;
                if (t == END)
                    continue;
                wtag[nt] = t;
                wlp[nt++] = p;
            }
        }
        Row *prev = &m->rows[i];
        double bound = row_bound(prev, 5);
        for (int s = 0; s < prev->n; s++) {
            int key = prev->e[s].key;
            double lp0 = prev->e[s].lp;
            if (lp0 < bound)
                continue;
            int st = m->tstate[key];
            if (st < 0) {
                PyErr_Format(PyExc_KeyError, "(%d, %d)", KFIRST(key), KSECOND(key));
                goto fail;
            }
            int s1 = KSECOND(key);
            const FollowList *fl = &m->trans[st];
            if (empty) {
                for (int k = 0; k < fl->n; k++) {
                    int c = fl->items[k].tag;
                    if (c == END)
                        continue;
                    double lp = lp0 + fl->items[k].lp;
                    if (lp > LOWERBOUND && relax(m, (int)i + 1, KEY(s1, c), lp, key, (int)i) < 0)
                        goto fail;
                }
            } else {
                const signed char *at = m->tpos + (size_t)st * W;
                for (int k = 0; k < nt; k++) {
                    int c = wtag[k];
                    int q = at[c + OFF];
                    if (q < 0)
                        continue;
                    double lp = lp0 + fl->items[q].lp + wlp[k];
                    if (lp > LOWERBOUND && relax(m, (int)i + 1, KEY(s1, c), lp, key, (int)i) < 0)
                        goto fail;
                }
            }
        }
    }
    Py_DECREF(unknown);
    unknown = NULL;
    Row *last = &m->rows[n];
    double best = -INFINITY;
    int key = -1;
    for (int s = 0; s < last->n; s++) {
        int st = m->tstate[last->e[s].key];
        if (st < 0) {
            PyErr_Format(PyExc_KeyError, "(%d, %d)", KFIRST(last->e[s].key), KSECOND(last->e[s].key));
            return NULL;
        }
        int q = m->tpos[(size_t)st * W + END + OFF];
        double lp = last->e[s].lp + (q < 0 ? -INFINITY : m->trans[st].items[q].lp);
        if (lp > best) {
            best = lp;
            key = last->e[s].key;
        }
    }
    if (key < 0) {
        PyErr_SetString(PyExc_KeyError, "no path through the sentence");
        return NULL;
    }
    PyObject *tags = PyList_New(n);
    if (!tags)
        return NULL;
    for (Py_ssize_t r = n; r >= 1; r--) {
        PyObject *t = PyLong_FromLong(KSECOND(key));
        if (!t) {
            Py_DECREF(tags);
            return NULL;
        }
        PyList_SET_ITEM(tags, r - 1, t);
        if (r > 1) {
            Entry *e = lookup(m, (int)r, key);
            if (!e) {
                Py_DECREF(tags);
                PyErr_SetString(PyExc_RuntimeError, "broken back pointer");
                return NULL;
            }
            key = e->bkey;
        }
    }
    return tags;
fail:
    Py_XDECREF(unknown);
    return NULL;
}

/* ------------------------------------------------------------------ construction */

static int state_key(PyObject *state, int *key)
{
    if (!PyTuple_Check(state) || PyTuple_GET_SIZE(state) != 2) {
        PyErr_SetString(PyExc_ValueError, "a state is a pair of tags");
        return -1;
    }
    long a = PyLong_AsLong(PyTuple_GET_ITEM(state, 0));
    if (a == -1 && PyErr_Occurred())
        return -1;
    long b = PyLong_AsLong(PyTuple_GET_ITEM(state, 1));
    if (b == -1 && PyErr_Occurred())
        return -1;
    if (!in_range(a) || !in_range(b)) {
        PyErr_SetString(PyExc_ValueError, "tag out of range");
        return -1;
    }
    *key = KEY((int)a, (int)b);
    return 0;
}

static int load_follow(FollowList *table, PyObject *d)
{
    PyObject *state, *lst;
    Py_ssize_t pos = 0;
    while (PyDict_Next(d, &pos, &state, &lst)) {
        int key;
        if (state_key(state, &key) < 0 || !PyList_Check(lst))
            return -1;
        Py_ssize_t n = PyList_GET_SIZE(lst);
        table[key].items = PyMem_Malloc(sizeof(Follow) * (n ? n : 1));
        if (!table[key].items)
            return -1;
        table[key].n = (int)n;
        for (Py_ssize_t k = 0; k < n; k++) {
            PyObject *it = PyList_GET_ITEM(lst, k);
            if (!PyTuple_Check(it) || PyTuple_GET_SIZE(it) != 2)
                return -1;
            long t = PyLong_AsLong(PyTuple_GET_ITEM(it, 0));
            double p = PyFloat_AsDouble(PyTuple_GET_ITEM(it, 1));
            if (PyErr_Occurred() || !in_range(t))
                return -1;
            table[key].items[k].tag = (int)t;
            table[key].items[k].lp = p;
        }
    }
    return 0;
}


/* LP_trans_word: state -> {tag: log p}, kept in its order, with a position table. */
static int load_trans(Model *m, PyObject *d)
{
    Py_ssize_t ns = PyDict_Size(d);
    m->tstate = PyMem_Malloc(sizeof(int) * NKEY);
    m->trans = PyMem_Calloc(ns ? ns : 1, sizeof(FollowList));
    m->tpos = PyMem_Malloc((size_t)W * (ns ? ns : 1));
    if (!m->tstate || !m->trans || !m->tpos)
        return -1;
    for (int k = 0; k < NKEY; k++)
        m->tstate[k] = -1;
    memset(m->tpos, 0xff, (size_t)W * (ns ? ns : 1)); /* -1 */
    PyObject *state, *tags;
    Py_ssize_t pos = 0;
    int st = 0;
    while (PyDict_Next(d, &pos, &state, &tags)) {
        int key;
        if (state_key(state, &key) < 0 || !PyDict_Check(tags))
            return -1;
        m->tstate[key] = st;
        Py_ssize_t n = PyDict_Size(tags);
        m->trans[st].items = PyMem_Malloc(sizeof(Follow) * (n ? n : 1));
        if (!m->trans[st].items)
            return -1;
        m->ntrans = st + 1;
        PyObject *k, *v;
        Py_ssize_t p2 = 0;
        int q = 0;
        while (PyDict_Next(tags, &p2, &k, &v)) {
            int t;
            if (tag_of(k, &t) < 0)
                return -1;
            double lp = PyFloat_AsDouble(v);
            if (lp == -1.0 && PyErr_Occurred())
                return -1;
            m->trans[st].items[q].tag = t;
            m->trans[st].items[q].lp = lp;
            if (q > 127)
                return -1;
            m->tpos[(size_t)st * W + t + OFF] = (signed char)q;
            q++;
        }
        m->trans[st].n = q;
        st++;
    }
    return 0;
}

/* {tag: {str: log p}} turned around into ``ix``: one entry per string, its (tag, log p)
 * pairs together. */
static int build_index(PyObject *per_tag, StrIndex *ix)
{
    PyObject *tag, *d, *str, *lp;
    Py_ssize_t pos = 0, total = 0;
    while (PyDict_Next(per_tag, &pos, &tag, &d)) {
        if (!PyDict_Check(d))
            return -1;
        total += PyDict_Size(d);
    }
    if (total >= (1 << 28))
        return -1;
    int nslots = 16;
    while (nslots < 2 * total)
        nslots *= 2;
    ix->mask = nslots - 1;
    ix->slots = PyMem_Malloc(sizeof(int) * nslots);
    ix->e = PyMem_Malloc(sizeof(StrEntry) * (total ? total : 1));
    ix->ent = PyMem_Malloc(sizeof(Follow) * (total ? total : 1));
    int *fill = PyMem_Calloc(total ? total : 1, sizeof(int));
    if (!ix->slots || !ix->e || !ix->ent || !fill) {
        PyMem_Free(fill);
        return -1;
    }
    for (int q = 0; q < nslots; q++)
        ix->slots[q] = -1;
    ix->ne = 0;
    for (int pass = 0; pass < 2; pass++) { /* count, then place */
        pos = 0;
        while (PyDict_Next(per_tag, &pos, &tag, &d)) {
            int t;
            if (tag_of(tag, &t) < 0)
                goto fail;
            Py_ssize_t p2 = 0;
            while (PyDict_Next(d, &p2, &str, &lp)) {
                if (!PyUnicode_Check(str))
                    goto fail;
                Py_hash_t h = PyObject_Hash(str);
                if (h == -1)
                    goto fail;
                int slot, k = str_find(ix, str, h, &slot);
                if (k == -2)
                    goto fail;
                if (pass == 0) {
                    if (k < 0) {
                        k = ix->ne++;
                        ix->slots[slot] = k;
                        ix->e[k].hash = h;
                        ix->e[k].key = str;
                        ix->e[k].n = 0;
                    }
                    ix->e[k].n++;
                } else {
                    Follow *f = &ix->ent[ix->e[k].start + fill[k]++];
                    f->tag = t;
                    f->lp = PyFloat_AsDouble(lp);
                    if (f->lp == -1.0 && PyErr_Occurred())
                        goto fail;
                }
            }
        }
        if (pass == 0) {
            int at = 0;
            for (int k = 0; k < ix->ne; k++) {
                ix->e[k].start = at;
                at += ix->e[k].n;
            }
        }
    }
    PyMem_Free(fill);
    return 0;
fail:
    PyMem_Free(fill);
    return -1;
}

static void free_index(StrIndex *ix)
{
    PyMem_Free(ix->slots);
    PyMem_Free(ix->e);
    PyMem_Free(ix->ent);
}

static void Model_dealloc(Model *m)
{
    for (int k = 0; k < W; k++) {
        Py_XDECREF(m->m_t[k]);
        Py_XDECREF(m->s_t[k]);
    }
    if (m->nonfinal)
        for (int k = 0; k < NKEY; k++)
            PyMem_Free(m->nonfinal[k].items);
    if (m->final)
        for (int k = 0; k < NKEY; k++)
            PyMem_Free(m->final[k].items);
    PyMem_Free(m->nonfinal);
    PyMem_Free(m->final);
    PyMem_Free(m->reach);
    if (m->trans)
        for (int k = 0; k < m->ntrans; k++)
            PyMem_Free(m->trans[k].items);
    PyMem_Free(m->trans);
    PyMem_Free(m->tstate);
    PyMem_Free(m->tpos);
    PyMem_Free(m->memo);
    PyMem_Free(m->mstamp);
    free_index(&m->morphs);
    free_index(&m->suffixes);
    for (int i = 0; i < m->nrows; i++)
        PyMem_Free(m->rows[i].e);
    PyMem_Free(m->rows);
    PyMem_Free(m->hkeys);
    PyMem_Free(m->hidx);
    PyMem_Free(m->hstamp);
    Py_TYPE(m)->tp_free((PyObject *)m);
}

/* Model(tagger): the tables of a loaded HanoverTagger. ValueError when they are not
 * what this code knows (another HanTa version). */
static int Model_init(Model *m, PyObject *args, PyObject *kw)
{
    PyObject *tg;
    if (!PyArg_ParseTuple(args, "O", &tg))
        return -1;
    if (m->nonfinal) {
        PyErr_SetString(PyExc_RuntimeError, "Model is initialised once");
        return -1;
    }
    /* each attribute is looked up only while no error is pending: a lookup made with an
     * exception set may clear it, and the caller would get NULL without one */
    static const char *const names[] = {"LP_trans_nonfinal", "LP_trans_final", "LP_m_t", "LP_s_t", "LP_hapax_t", "LP_len_t", "Int_t", "reachability", "LP_trans_word"};
    PyObject *attrs[9] = {NULL};
    for (int a = 0; a < 9; a++) {
        attrs[a] = PyObject_GetAttrString(tg, names[a]);
        if (!attrs[a]) {
            PyErr_Clear();
            PyErr_Format(PyExc_ValueError, "HanTa model tables not as expected: no %s", names[a]);
            for (int b = 0; b < a; b++)
                Py_DECREF(attrs[b]);
            return -1;
        }
    }
    PyObject *nonfinal = attrs[0], *final = attrs[1], *lpm = attrs[2], *lps = attrs[3], *hap = attrs[4];
    PyObject *lent = attrs[5], *intt = attrs[6], *reach = attrs[7], *transw = attrs[8];
    int ok = -1;
    if (!PyDict_Check(nonfinal) || !PyDict_Check(final) || !PyDict_Check(lpm) || !PyDict_Check(lps) || !PyDict_Check(hap) || !PyDict_Check(lent) || !PyDict_Check(reach) || !PyDict_Check(transw))
        goto bad;
    m->nonfinal = PyMem_Calloc(NKEY, sizeof(FollowList));
    m->final = PyMem_Calloc(NKEY, sizeof(FollowList));
    m->reach = PyMem_Calloc(W * W, 1);
    m->hcap = 4096;
    m->hkeys = PyMem_Malloc(sizeof(long long) * m->hcap);
    m->hidx = PyMem_Malloc(sizeof(int) * m->hcap);
    m->hstamp = PyMem_Calloc(m->hcap, sizeof(unsigned));
    if (!m->nonfinal || !m->final || !m->reach || !m->hkeys || !m->hidx || !m->hstamp) {
        PyErr_NoMemory();
        goto done;
    }
    if (load_follow(m->nonfinal, nonfinal) < 0 || load_follow(m->final, final) < 0)
        goto bad;
    PyObject *k, *v;
    Py_ssize_t pos = 0;
    int t;
    while (PyDict_Next(lpm, &pos, &k, &v)) {
        if (tag_of(k, &t) < 0 || !PyDict_Check(v))
            goto bad;
        Py_INCREF(v);
        m->m_t[t + OFF] = v;
    }
    pos = 0;
    while (PyDict_Next(lps, &pos, &k, &v)) {
        if (tag_of(k, &t) < 0 || !PyDict_Check(v))
            goto bad;
        Py_INCREF(v);
        m->s_t[t + OFF] = v;
    }
    pos = 0;
    while (PyDict_Next(hap, &pos, &k, &v)) {
        if (tag_of(k, &t) < 0)
            goto bad;
        m->hapax[t + OFF] = PyFloat_AsDouble(v);
        if (PyErr_Occurred())
            goto bad;
        m->has_hapax[t + OFF] = 1;
        /* HanTa reads LP_len_t[t][min(mlen, 24)] for these tags */
        PyObject *row = PyDict_GetItemWithError(lent, k);
        if (!row || !PySequence_Check(row) || PySequence_Size(row) < 25)
            goto bad;
        for (int n = 0; n < 25; n++) {
            PyObject *x = PySequence_GetItem(row, n);
            if (!x)
                goto bad;
            m->len_t[t + OFF][n] = PyFloat_AsDouble(x);
            Py_DECREF(x);
            if (PyErr_Occurred())
                goto bad;
        }
    }
    m->int_t = PyFloat_AsDouble(intt);
    if (PyErr_Occurred())
        goto bad;
    pos = 0;
    while (PyDict_Next(reach, &pos, &k, &v)) {
        if (tag_of(k, &t) < 0)
            goto bad;
        PyObject *it = PyObject_GetIter(v);
        if (!it)
            goto bad;
        PyObject *x;
        int t2;
        while ((x = PyIter_Next(it))) {
            int r = tag_of(x, &t2);
            Py_DECREF(x);
            if (r < 0) {
                Py_DECREF(it);
                goto bad;
            }
            m->reach[(t + OFF) * W + t2 + OFF] = 1;
        }
        Py_DECREF(it);
        if (PyErr_Occurred())
            goto bad;
    }
    if (load_trans(m, transw) < 0)
        goto bad;
    if (build_index(lpm, &m->morphs) < 0 || build_index(lps, &m->suffixes) < 0)
        goto bad;
    for (int g = 0; g < W; g++)
        if (m->has_hapax[g] && m->s_t[g])
            m->guess_tags[m->nguess++] = g - OFF;
    /* every tag a transition can lead to must have its morpheme table, as in HanTa */
    for (int key = 0; key < NKEY; key++)
        for (int j = 0; j < m->nonfinal[key].n; j++)
            if (!m->m_t[m->nonfinal[key].items[j].tag + OFF])
                goto bad;
    ok = 0;
    goto done;
bad:
    PyErr_Clear();
    PyErr_SetString(PyExc_ValueError, "HanTa model tables not as expected");
done:
    Py_XDECREF(nonfinal);
    Py_XDECREF(final);
    Py_XDECREF(lpm);
    Py_XDECREF(lps);
    Py_XDECREF(hap);
    Py_XDECREF(lent);
    Py_XDECREF(intt);
    Py_XDECREF(reach);
    Py_XDECREF(transw);
    return ok;
}

/* word_probs(word, casesensitive, upcase, cache, analyze, lp_case, lp_wtag, cutoff):
 * HanTa's _tag_word(word, cutoff, casesensitive, conditional=True) for an already
 * normalised word, as the dict {tag: log p} the sentence search takes. The tags come
 * from ``cache`` (HanTa's lexicon) or, for a word it lacks, from ``analyze(word)``;
 * each but UNKNOWN gets log p(case | tag) (when case counts) and loses log p(tag), in
 * HanTa's order of operations; then best first (equal ones in their order, as Python's
 * stable sort), and for a word not in the lexicon only those within ``cutoff`` of the
 * best. */
static PyObject *Model_word_probs(Model *m, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *word, *cache, *analyze, *lp_case, *lp_wtag;
    int casesensitive, upcase;
    double cutoff;
    if (!nargs_ok("word_probs", nargs, 8, 8) || !arg_str(args[0], &word) || !arg_bool(args[1], &casesensitive) ||
        !arg_bool(args[2], &upcase) || !arg_type(args[3], &PyDict_Type, &cache) || !arg_type(args[5], &PyDict_Type, &lp_case) ||
        !arg_type(args[6], &PyDict_Type, &lp_wtag))
        return NULL;
    analyze = args[4];
    cutoff = PyFloat_AsDouble(args[7]);
    if (cutoff == -1.0 && PyErr_Occurred())
        return NULL;
    (void)m;
    PyObject *tags = PyDict_GetItemWithError(cache, word);
    int cached = tags != NULL;
    if (tags == NULL) {
        if (PyErr_Occurred())
            return NULL;
        tags = PyObject_CallOneArg(analyze, word);
        if (tags == NULL)
            return NULL;
    } else {
        Py_INCREF(tags);
    }
    PyObject *seq = PySequence_Fast(tags, "tags must be a sequence");
    Py_DECREF(tags);
    if (seq == NULL)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    PyObject **tag = PyMem_New(PyObject *, n + 1);
    double *lp = PyMem_New(double, n + 1);
    PyObject *out = NULL;
    PyObject *case_key = upcase ? Py_True : Py_False;
    if (tag == NULL || lp == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *pair = items[i];
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
            PyErr_SetString(PyExc_TypeError, "a tag and its log probability expected");
            goto done;
        }
        PyObject *t = PyTuple_GET_ITEM(pair, 0);
        double p = PyFloat_AsDouble(PyTuple_GET_ITEM(pair, 1));
        if (p == -1.0 && PyErr_Occurred())
            goto done;
        long tv = PyLong_AsLong(t);
        if (tv == -1 && PyErr_Occurred())
            goto done;
        if (tv != UNKNOWN) {
            double c, w;
            int found;
            if (casesensitive) {
                PyObject *row = PyDict_GetItemWithError(lp_case, t);
                if (row == NULL && PyErr_Occurred())
                    goto done;
                found = row != NULL && PyDict_Check(row) ? dict_float(row, case_key, &c) : 0;
                if (found <= 0) {
                    if (found == 0)
                        PyErr_SetObject(PyExc_KeyError, t);
                    goto done;
                }
                p += c;
            }
            found = dict_float(lp_wtag, t, &w);
            if (found <= 0) {
                if (found == 0)
                    PyErr_SetObject(PyExc_KeyError, t);
                goto done;
            }
            p -= w;
        }
        /* insertion in descending order after every element not below p: stable */
        Py_ssize_t k = i;
        while (k > 0 && lp[k - 1] < p) {
            lp[k] = lp[k - 1];
            tag[k] = tag[k - 1];
            k--;
        }
        lp[k] = p;
        tag[k] = t;
    }
    out = PyDict_New();
    if (out == NULL)
        goto done;
    double limit = n > 0 ? lp[0] - cutoff : 0.0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (!cached && !(lp[i] >= limit))
            continue;
        PyObject *v = PyFloat_FromDouble(lp[i]);
        if (v == NULL || PyDict_SetItem(out, tag[i], v) < 0) {
            Py_XDECREF(v);
            Py_CLEAR(out);
            goto done;
        }
        Py_DECREF(v);
    }
done:
    PyMem_Free(tag);
    PyMem_Free(lp);
    Py_DECREF(seq);
    return out;
}

static PyMethodDef Model_methods[] = {
    {"analyze_forward", (PyCFunction)(void (*)(void))Model_analyze_forward, METH_FASTCALL,
     "analyze_forward(word, strict=False): HanTa's [(pos, log p), ...], best first."},
    {"analyze_viterbi", (PyCFunction)(void (*)(void))Model_analyze_viterbi, METH_FASTCALL,
     "analyze_viterbi(word, targetpos): HanTa's [(morpheme tag, end), ...]."},
    {"word_probs", (PyCFunction)(void (*)(void))Model_word_probs, METH_FASTCALL,
     "word_probs(word, casesensitive, upcase, cache, analyze, lp_case, lp_wtag, cutoff): HanTa's _tag_word as a dict."},
    {"tag_sentence", (PyCFunction)(void (*)(void))Model_tag_sentence, METH_FASTCALL,
     "tag_sentence([{tag: log p}, ...]): the best tag of every word."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject ModelType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "claims.nlp._hanta.Model",
    .tp_basicsize = sizeof(Model),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "HanTa's morphology tables, searched in C.",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Model_init,
    .tp_dealloc = (destructor)Model_dealloc,
    .tp_methods = Model_methods,
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_hanta", "HanTa's morphology in C.", -1, NULL};

PyMODINIT_FUNC PyInit__hanta(void)
{
    if (PyType_Ready(&ModelType) < 0)
        return NULL;
    PyObject *mod = PyModule_Create(&module);
    if (!mod)
        return NULL;
    Py_INCREF(&ModelType);
    if (PyModule_AddObject(mod, "Model", (PyObject *)&ModelType) < 0) {
        Py_DECREF(&ModelType);
        Py_DECREF(mod);
        return NULL;
    }
    return mod;
}
