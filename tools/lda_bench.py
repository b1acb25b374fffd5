"""Online LDA peer figures: gensim LdaModel (online VB, Hoffman et al. 2010) and sklearn
LatentDirichletAllocation(learning_method='online') on a tokenized corpus folder (train.txt, heldout.txt, vocab.txt, corpus_meta.json).

streamvi's peer-measurement tool: it re-runs gensim and scikit-learn on the same corpus and machine so that
side-by-side figures (bin/bench-lda) compare runs made together rather than against stored numbers. Copied from the
development cases' tools; the measurements are unchanged, only the output goes to OUT_JSON ("-" = stdout, progress
lines always on stderr) instead of CASE_DIR/reference.json.
Needs Debian's python3-gensim and python3-sklearn; run with /usr/bin/python3.
usage: lda_bench.py CORPUS_DIR OUT_JSON CASE_NAME [SEEDS=0,1,2]"""
import os, sys, time, collections, logging
import numpy as np
import scipy.sparse as sp
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from util import read_json, write_json, machine_info, _clean
import json

K = 20
CHUNK = 256
DECAY = 0.7      # kappa
OFFSET = 64.0    # tau0
ALPHA = 1.0 / K
ETA = 1.0 / K
INNER_ITERS = 50
INNER_TOL = 1e-3


def read_docs(path):
    with open(path) as f:
        return [ln.split() for ln in f if ln.strip()]


def to_ids(docs, w2i):
    return [[w2i[w] for w in d if w in w2i] for d in docs]


def bow(ids):
    return [sorted(collections.Counter(d).items()) for d in ids]


def csr(bows, V):
    indptr, indices, data = [0], [], []
    for b in bows:
        for i, c in b:
            indices.append(i); data.append(c)
        indptr.append(len(indices))
    return sp.csr_matrix((np.array(data, dtype=np.float64), np.array(indices), np.array(indptr)), shape=(len(bows), V))


def completion_split(ids):
    """document completion: tokens at even positions are observed, odd positions are evaluated"""
    return [d[0::2] for d in ids], [d[1::2] for d in ids]


def completion_perplexity(theta, phi, eval_bows):
    """exp(- sum_d sum_w n_dw log(theta_d . phi_:,w) / N_eval)"""
    ll, n = 0.0, 0
    for d, b in enumerate(eval_bows):
        if not b:
            continue
        w = np.array([i for i, _ in b]); c = np.array([c for _, c in b], dtype=float)
        p = theta[d] @ phi[:, w]
        ll += float(np.sum(c * np.log(p))); n += int(c.sum())
    return float(np.exp(-ll / n)), ll / n


def top_words(phi, vocab, n=8):
    return [" ".join(vocab[i] for i in np.argsort(-row)[:n]) for row in phi]


def run_gensim(train_bow, held_bow, obs_bow, eval_bow, id2word, passes, seed, n_train):
    from gensim.models import LdaModel
    t0 = time.perf_counter()
    lda = LdaModel(corpus=train_bow, id2word=id2word, num_topics=K, chunksize=CHUNK, decay=DECAY, offset=OFFSET,
                   alpha=np.full(K, ALPHA), eta=ETA, passes=passes, update_every=1, iterations=INNER_ITERS,
                   gamma_threshold=INNER_TOL, eval_every=None, random_state=seed)
    wall = time.perf_counter() - t0
    t1 = time.perf_counter()
    bound = lda.log_perplexity(held_bow)                      # per-word bound, nats, gensim default total_docs
    bound_amort = lda.log_perplexity(held_bow, total_docs=n_train)  # global term amortised over train size (Hoffman-style)
    gamma, _ = lda.inference(obs_bow)
    theta = gamma / gamma.sum(1, keepdims=True)
    phi = lda.get_topics()
    cp, cll = completion_perplexity(theta, phi, eval_bow)
    eval_wall = time.perf_counter() - t1
    return {"library": "gensim", "passes": passes, "seed": seed, "train_wall_seconds": wall,
            "docs_per_second": n_train * passes / wall,
            "heldout_per_word_bound_nats": bound,
            "heldout_perplexity_gensim_2pow": 2.0 ** (-bound),
            "heldout_perplexity_exp": float(np.exp(-bound)),
            "heldout_per_word_bound_amortised": bound_amort,
            "heldout_perplexity_exp_amortised": float(np.exp(-bound_amort)),
            "completion_perplexity": cp, "completion_mean_loglik_per_word": cll,
            "eval_wall_seconds": eval_wall}, phi


def run_sklearn(Xtr, Xhe, Xobs, eval_bow, passes, seed, n_train):
    from sklearn.decomposition import LatentDirichletAllocation
    lda = LatentDirichletAllocation(n_components=K, doc_topic_prior=ALPHA, topic_word_prior=ETA,
                                    learning_method="online", learning_decay=DECAY, learning_offset=OFFSET,
                                    batch_size=CHUNK, max_iter=passes, total_samples=Xtr.shape[0],
                                    evaluate_every=-1, mean_change_tol=INNER_TOL, max_doc_update_iter=INNER_ITERS,
                                    n_jobs=1, random_state=seed)
    t0 = time.perf_counter()
    lda.fit(Xtr)
    wall = time.perf_counter() - t0
    t1 = time.perf_counter()
    perp = lda.perplexity(Xhe)
    theta = lda.transform(Xobs)
    phi = lda.components_ / lda.components_.sum(1, keepdims=True)
    cp, cll = completion_perplexity(theta, phi, eval_bow)
    eval_wall = time.perf_counter() - t1
    return {"library": "sklearn", "passes": passes, "seed": seed, "train_wall_seconds": wall,
            "docs_per_second": n_train * passes / wall,
            "heldout_perplexity_sklearn": perp, "heldout_per_word_bound_nats": -float(np.log(perp)),
            "completion_perplexity": cp, "completion_mean_loglik_per_word": cll,
            "eval_wall_seconds": eval_wall}, phi


def main():
    corpus_dir, out_path, case_name = sys.argv[1:4]
    seeds = [int(s) for s in (sys.argv[4] if len(sys.argv) > 4 else "0,1,2").split(",")]
    logging.getLogger("gensim").setLevel(logging.WARNING)
    from gensim.corpora import Dictionary
    vocab = [w.strip() for w in open(os.path.join(corpus_dir, "vocab.txt")) if w.strip()]
    w2i = {w: i for i, w in enumerate(vocab)}
    V = len(vocab)
    train_ids = to_ids(read_docs(os.path.join(corpus_dir, "train.txt")), w2i)
    held_ids = to_ids(read_docs(os.path.join(corpus_dir, "heldout.txt")), w2i)
    obs_ids, eval_ids = completion_split(held_ids)
    train_bow, held_bow, obs_bow, eval_bow = bow(train_ids), bow(held_ids), bow(obs_ids), bow(eval_ids)
    id2word = {i: w for i, w in enumerate(vocab)}
    Xtr, Xhe, Xobs = csr(train_bow, V), csr(held_bow, V), csr(obs_bow, V)
    n_train = len(train_ids)
    runs, phis = [], {}
    for passes in [1, 5]:
        for seed in seeds:
            r, phi = run_gensim(train_bow, held_bow, obs_bow, eval_bow, id2word, passes, seed, n_train)
            runs.append(r); phis[("gensim", passes, seed)] = phi
            print({k: (round(v, 3) if isinstance(v, float) else v) for k, v in r.items()}, file=sys.stderr, flush=True)
            r, phi = run_sklearn(Xtr, Xhe, Xobs, eval_bow, passes, seed, n_train)
            runs.append(r); phis[("sklearn", passes, seed)] = phi
            print({k: (round(v, 3) if isinstance(v, float) else v) for k, v in r.items()}, file=sys.stderr, flush=True)

    def agg(lib, passes, key):
        v = [r[key] for r in runs if r["library"] == lib and r["passes"] == passes]
        return {"median": float(np.median(v)), "min": float(np.min(v)), "max": float(np.max(v))}

    summary = []
    for lib in ["gensim", "sklearn"]:
        for passes in [1, 5]:
            ent = {"library": lib, "passes": passes, "seeds": seeds,
                   "docs_per_second": agg(lib, passes, "docs_per_second"),
                   "train_wall_seconds": agg(lib, passes, "train_wall_seconds"),
                   "completion_perplexity": agg(lib, passes, "completion_perplexity"),
                   "heldout_per_word_bound_nats": agg(lib, passes, "heldout_per_word_bound_nats")}
            if lib == "gensim":
                ent["heldout_perplexity_gensim_2pow"] = agg(lib, passes, "heldout_perplexity_gensim_2pow")
                ent["heldout_perplexity_exp"] = agg(lib, passes, "heldout_perplexity_exp")
                ent["heldout_perplexity_exp_amortised"] = agg(lib, passes, "heldout_perplexity_exp_amortised")
            else:
                ent["heldout_perplexity_sklearn"] = agg(lib, passes, "heldout_perplexity_sklearn")
            summary.append(ent)
    # uniform baseline for the completion metric: unigram model fitted on train
    uni = np.asarray(Xtr.sum(0)).ravel() + ETA
    uni /= uni.sum()
    ll = sum(c * np.log(uni[i]) for b in eval_bow for i, c in b); n = sum(c for b in eval_bow for _, c in b)
    meta = read_json(os.path.join(corpus_dir, "corpus_meta.json"))
    import gensim, sklearn
    out = {"case": case_name, "model": "lda_online_vb",
           "corpus": meta,
           "settings": {"K": K, "alpha": ALPHA, "eta": ETA, "alpha_eta_fixed_symmetric": True,
                        "chunksize_batch_size": CHUNK, "decay_kappa": DECAY, "offset_tau0": OFFSET,
                        "inner_iterations_max": INNER_ITERS, "inner_tol_mean_abs_gamma_change": INNER_TOL,
                        "passes": [1, 5], "seeds": seeds, "update_every": 1,
                        "gensim_call": "LdaModel(corpus, id2word, num_topics=20, chunksize=256, decay=0.7, offset=64, alpha=np.full(20,0.05), eta=0.05, passes=P, update_every=1, iterations=50, gamma_threshold=0.001, eval_every=None, random_state=seed)",
                        "sklearn_call": "LatentDirichletAllocation(n_components=20, doc_topic_prior=0.05, topic_word_prior=0.05, learning_method='online', learning_decay=0.7, learning_offset=64, batch_size=256, max_iter=P, total_samples=n_train, evaluate_every=-1, mean_change_tol=0.001, max_doc_update_iter=50, n_jobs=1, random_state=seed)",
                        "step_size_note": "Hoffman: rho_t=(tau0+t)^-kappa with t = minibatch count. sklearn: same with t = minibatches so far. gensim: rho=(offset + pass + num_updates/chunksize)^-decay (adds the pass index).",
                        "versions": {"gensim": gensim.__version__, "sklearn": sklearn.__version__}},
           "summary": summary,
           "unigram_baseline_completion_perplexity": float(np.exp(-ll / n)),
           "runs": runs,
           "topics_top8_gensim_passes5_seed%d" % seeds[0]: top_words(phis[("gensim", 5, seeds[0])], vocab),
           "topics_top8_sklearn_passes5_seed%d" % seeds[0]: top_words(phis[("sklearn", 5, seeds[0])], vocab),
           "metric_definitions": {
               "heldout_per_word_bound_nats": "gensim: LdaModel.log_perplexity(heldout) = variational bound on held-out docs (with the topic-word KL term counted once) / held-out word count. sklearn: -log(perplexity(X_heldout)), same construction",
               "heldout_perplexity_gensim_2pow": "2^(-bound): what gensim logs as 'perplexity estimate' (mixes nats with base 2)",
               "heldout_perplexity_exp": "exp(-bound): the same bound as a proper per-word perplexity; comparable to sklearn's perplexity()",
               "heldout_perplexity_exp_amortised": "exp(-bound) with log_perplexity(total_docs=n_train): topic-word KL amortised as in Hoffman's onlineldavb.py",
               "completion_perplexity": "document completion on held-out docs: tokens at even positions (0,2,4..) infer theta (gensim inference / sklearn transform, normalized), tokens at odd positions are scored with p(w)=sum_k theta_k phi_kw, phi = lambda row-normalized; exp(-mean log p per scored token). Library-independent, use this to compare a new implementation",
               "docs_per_second": "n_train * passes / training wall time (single process; BLAS threads as installed)"},
           "machine": machine_info()}
    if out_path == "-":
        json.dump(_clean(out), sys.stdout, indent=1)
        sys.stdout.write("\n")
    else:
        write_json(out_path, out)
    for s in summary:
        print(s, file=sys.stderr)


if __name__ == "__main__":
    main()
