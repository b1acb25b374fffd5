/**
 * Gaussian variational families for black-box variational inference with the reparameterisation
 * trick: w = T(φ, ε) with ε ~ N(0, I), so that ∇_φ E_q[f(w)] = E_ε[∇_φ f(T(φ, ε))] can be estimated
 * from draws of ε (Kingma &amp; Welling 2014, "Auto-encoding variational Bayes", ICLR; Titsias &amp;
 * Lázaro-Gredilla 2014, "Doubly stochastic variational Bayes for non-conjugate inference", ICML;
 * Kucukelbir, Tran, Ranganath, Gelman &amp; Blei 2017, "Automatic differentiation variational
 * inference", JMLR 18). The ELBO is split as E_q[ln p(x, w)] + H[q]: the first term is estimated
 * by Monte Carlo, the entropy H[q] and its gradient are taken in closed form.
 */
package io.streamvi.model.bbvi;
