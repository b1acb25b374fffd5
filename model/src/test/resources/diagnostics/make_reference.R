# Reference values for ConvergenceDiagnosticsTest and PsisTest, computed by the R packages
# posterior (1.4.0) and loo (2.5.1) on R 4.2.2 (Debian packages r-cran-posterior, r-cran-loo).
# Run from this folder: Rscript make_reference.R   (writes draws.csv, log_ratios.csv, reference.json)
suppressMessages(library(posterior))
suppressMessages(library(loo))
set.seed(20240607)

# --- MCMC-like draws: 4 chains x 201 iterations (odd: split chains drop the middle draw) ---
n <- 201; m <- 4
ar1 <- function(phi, n) { x <- numeric(n); x[1] <- rnorm(1) / sqrt(1 - phi^2); for (i in 2:n) x[i] <- phi * x[i - 1] + rnorm(1); x }
cases <- list(
  iid = sapply(1:m, function(c) rnorm(n)),
  ar1 = sapply(1:m, function(c) ar1(0.9, n)),
  antithetic = sapply(1:m, function(c) ar1(-0.6, n)),
  shifted = sapply(1:m, function(c) rnorm(n, mean = c(0, 0, 1.5, 1.5)[c])),
  scale = sapply(1:m, function(c) rnorm(n, sd = c(1, 1, 1, 4)[c])),
  cauchy = sapply(1:m, function(c) rcauchy(n))
)
rows <- do.call(rbind, lapply(names(cases), function(k) {
  x <- cases[[k]]
  data.frame(case = k, chain = rep(seq_len(m), each = n), draw = rep(seq_len(n), m), value = sprintf("%.17g", as.vector(x)))
}))
write.csv(rows, "draws.csv", row.names = FALSE, quote = FALSE)

fmt <- function(v) sprintf("%.15g", v)
diag_json <- sapply(names(cases), function(k) {
  x <- cases[[k]]
  s <- c(rhat = rhat(x), ess_bulk = ess_bulk(x), ess_tail = ess_tail(x), ess_mean = ess_mean(x),
         mcse_mean = mcse_mean(x), mcse_sd = mcse_sd(x), q5 = unname(quantile(x, 0.05)),
         median = median(x), q95 = unname(quantile(x, 0.95)))
  paste0('"', k, '": {', paste0('"', names(s), '": ', fmt(s), collapse = ", "), "}")
})

# --- importance ratios for PSIS (S independent draws each) ---
lr_cases <- list(
  lognormal = rnorm(1000),                                  # log ratios ~ N(0, 1)
  pareto06 = log(runif(1000)^(-0.6)),                       # ratios Pareto with k = 0.6
  narrow = {e <- matrix(rnorm(3 * 4000), ncol = 3); 0.5 * (1 - 0.3^2) * rowSums(e^2)},  # q sd 0.3x in 3 dims
  wide = {e <- matrix(rnorm(5 * 4000), ncol = 5); -0.5 * (1.5^2 - 1) * rowSums(e^2)},   # q sd 1.5x in 5 dims
  small = rnorm(60, sd = 2)
)
lr_rows <- do.call(rbind, lapply(names(lr_cases), function(k) {
  r <- lr_cases[[k]]
  p <- suppressWarnings(psis(r, r_eff = 1))
  lw <- if (k %in% c("narrow", "wide")) rep("", length(r))   # k-hat only, to keep the file small
        else sprintf("%.17g", as.vector(weights(p, log = TRUE, normalize = TRUE)))
  data.frame(case = k, i = seq_along(r), log_ratio = sprintf("%.17g", r), log_weight = lw)
}))
write.csv(lr_rows, "log_ratios.csv", row.names = FALSE, quote = FALSE)
k_json <- sapply(names(lr_cases), function(k) {
  p <- suppressWarnings(psis(lr_cases[[k]], r_eff = 1))
  paste0('"', k, '": ', fmt(pareto_k_values(p)))
})

writeLines(c("{",
  paste0('  "generator": "make_reference.R with ', R.version.string, ', posterior ', packageVersion("posterior"),
         ', loo ', packageVersion("loo"), '",'),
  '  "diagnostics": {', paste0("    ", diag_json, collapse = ",\n"), "  },",
  '  "pareto_k": {', paste0("    ", k_json, collapse = ",\n"), "  }",
  "}"), "reference.json")
