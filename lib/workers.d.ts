// hotpath/workers: no exports yet (parallel SharedArrayBuffer kernels are planned extras).
declare const workers: Record<string, never>;
export default workers;
