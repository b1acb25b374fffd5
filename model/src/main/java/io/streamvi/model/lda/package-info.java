/**
 * Online latent Dirichlet allocation as one global model: every document of the stream updates the
 * same topic-word posterior q(β_k) = Dirichlet(λ_k), k = 1..K (Hoffman, Blei and Bach 2010,
 * "Online learning for latent Dirichlet allocation", Algorithm 2; Hoffman, Blei, Wang and Paisley
 * 2013, "Stochastic variational inference", §4).
 *
 * <p>λ is stored row-wise by word ({@link io.streamvi.model.lda.TopicWordRows}) in the lazily
 * scaled form λ_wk = η + c·μ̃_wk, with the O(K) scalars ({@link io.streamvi.model.lda.LdaGlobals})
 * kept beside it, so that a step reads and writes only the rows of the words its minibatch
 * contains. {@link io.streamvi.model.lda.OnlineLda} is the engine and
 * {@link io.streamvi.model.lda.LdaEvaluation} scores held-out documents.
 */
package io.streamvi.model.lda;
