"""The command-line options of inference engines' servers, read from the engines' own argument parsers.

Each list holds the long options of one engine's server and tools that have more than one word (`--max-model-len`,
not `--port`), without the generic ones any program takes (logging, TLS, API keys, host and port, tokenizer and
model paths, batch size, seeds). The comment above each list names its source; docs/scan.md too. SOV820 reports
them where they are an engine's arguments given without a program (a compose `command:`, a Kubernetes `args:`
list, a Dockerfile `CMD`).
"""

from __future__ import annotations

# vllm 0.34.0 wheel: vllm/engine/arg_utils.py (EngineArgs fields), vllm/entrypoints/common/cli_args.py; and the options of vllm 0.6.3.post1 (engine/arg_utils.py, entrypoints/openai/cli_args.py) since removed: 312 options.
VLLM_OPTIONS = """
additional-config aggregate-engine-logging all2all-backend anthropic-disabled-thinking-effort api-server-count
async-scheduling attention-backend attention-config aux-output-config cache-aware-admission-threshold
cache-aware-admission-window chat-template chat-template-content-format checkpoint-prepare-on-startup code-revision
cohere-format cohere-is-reasoning-model collect-detailed-traces compilation-config cp-kv-cache-interleave-size
cpu-distributed-timeout-seconds cpu-offload-gb cpu-offload-params cudagraph-capture-sizes cudagraph-metrics
custom-histogram-buckets data-parallel-address data-parallel-backend data-parallel-external-lb
data-parallel-hybrid-lb data-parallel-multi-port-external-lb data-parallel-rank data-parallel-rpc-port
data-parallel-size data-parallel-size-local data-parallel-start-rank data-parallel-supervisor-port
dbo-decode-token-threshold dbo-prefill-token-threshold dcp-comm-backend dcp-kv-cache-interleave-size dcp-q-replicate
decode-context-parallel-size default-chat-template-kwargs default-mm-loras diffusion-config
disable-access-log-for-endpoints disable-async-output-proc disable-cascade-attn disable-chunked-mm-input
disable-custom-all-reduce disable-fastapi-docs disable-frontend-multiprocessing disable-hybrid-kv-cache-manager
disable-log-requests disable-log-stats disable-logprobs-during-spec-decoding disable-nccl-for-dp-synchronization
disable-sliding-window disable-uvicorn-access-log distributed-executor-backend distributed-timeout-seconds
dp-supervisor-probe-failure-threshold dp-supervisor-probe-interval-s dp-supervisor-probe-timeout-s dp-sync-interval
ec-manager-config ec-transfer-config elastic-ep-max-dp-size enable-auto-tool-choice enable-batch-sharded-sampling
enable-chunked-prefill enable-cumem-allocator enable-dbo enable-elastic-ep enable-ep-weight-filter enable-eplb
enable-expert-parallel enable-extensible-kv-cache enable-fault-tolerance enable-flash-late-interaction
enable-flashinfer-autotune enable-force-include-usage enable-hc-sp enable-layerwise-nvtx-tracing enable-log-deltas
enable-log-outputs enable-logging-iteration-details enable-lora enable-mamba-cache-stochastic-rounding
enable-mamba-shared-prefix-checkpoint enable-mfu-metrics enable-mixed-moe-lora-format enable-mm-embeds
enable-mm-processor-stats enable-moe-shared-loras enable-nccl-comm-suspend enable-offline-docs
enable-per-request-metrics enable-prefix-caching enable-prompt-adapter enable-prompt-embeds
enable-prompt-tokens-details enable-request-id-headers enable-return-routed-experts enable-scale-out
enable-server-load-tracking enable-shm-tensor-arena enable-sleep-mode enable-ssl-refresh
enable-tokenizer-info-endpoint enable-tower-connector-lora enable-trace-replay enforce-eager engram-config
eplb-config exclude-tools-when-tool-choice-none expert-placement-strategy fail-on-environ-validation
fault-tolerance-config fingerprint-mode fingerprint-value fully-sharded-loras gdn-prefill-backend generation-config
gpu-memory-utilization grpc-port guided-decoding-backend h11-max-header-count h11-max-incomplete-event-size
headless-client-handshake-address hf-config-path hf-overrides ignore-patterns interleave-mm-strings
io-processor-plugin ir-op-priority jit-monitor-mode jit-monitor-verbose kda-decode-backend kda-prefill-backend
kernel-config kv-cache-dtype kv-cache-dtype-skip-layers kv-cache-memory-bytes kv-cache-metrics
kv-cache-metrics-sample kv-events-config kv-offloading-backend kv-offloading-size kv-sharing-fast-prefill
kv-transfer-config language-model-only limit-mm-per-prompt linear-backend long-lora-scaling-factors
long-prefill-token-threshold long-prefill-token-threshold-adaptive lora-dtype lora-extra-vocab-size lora-modules
lora-target-modules mamba-backend mamba-block-size mamba-cache-dtype mamba-cache-mode mamba-cache-philox-rounds
mamba-config mamba-ssm-cache-dtype mamba-ssu-algorithm max-context-len-to-capture max-cpu-loras
max-cudagraph-capture-size max-log-len max-logprobs max-lora-cls-labels max-lora-rank max-loras max-model-len
max-num-active-seqs max-num-batched-tokens max-num-inflight-kv-loads max-num-queued-reqs max-num-queued-tokens
max-num-scheduled-tokens max-num-seqs max-parallel-loading-workers max-prompt-adapter-token max-prompt-adapters
mm-device-do-normalize mm-encoder-attn-backend mm-encoder-attn-dtype mm-encoder-fp8-scale-path
mm-encoder-fp8-scale-save-margin mm-encoder-fp8-scale-save-path mm-encoder-only mm-encoder-tp-mode
mm-hasher-algorithm mm-ipc-gpu-memory-gb mm-processor-cache-gb mm-processor-cache-type mm-processor-device
mm-processor-kwargs mm-shm-cache-max-object-size-mb mm-tensor-ipc model-class-overrides model-loader-extra-config
model-weights moe-backend multi-step-stream-outputs ngram-prompt-lookup-max ngram-prompt-lookup-min
num-gpu-blocks-override num-lookahead-slots num-scheduler-steps num-speculative-tokens numa-bind numa-bind-cpus
numa-bind-nodes offload-backend offload-group-size offload-num-in-group offload-params offload-prefetch-step
optimization-level override-generation-config override-neuron-config per-request-spec-decode-metrics
performance-mode pipeline-parallel-size pooler-config preemption-mode prefill-context-parallel-size
prefill-schedule-interval prefix-cache-retention-interval prefix-caching-hash-algo prefix-match-unit
pt-load-map-location qlora-adapter-name-or-path quantization-config quantization-param-path ray-workers-use-nsight
reasoning-config reasoning-effort-map reasoning-parser reasoning-parser-plugin renderer-num-workers
replayssm-buffer-len response-role return-sampling-mask return-tokens-as-token-ids rope-scaling rope-theta
safetensors-load-strategy safetensors-prefetch-block-size safetensors-prefetch-num-threads scheduler-cls
scheduler-delay-factor scheduler-reserve-full-isl scheduling-policy served-model-name
show-hidden-metrics-for-version shuffle-safetensors-files shutdown-timeout skip-mm-profiling skip-tokenizer-init
sleep-mode-backend sleep-mode-offload-cudagraph sleep-preserve-parameter-names sparse-indexer-topk-backend
spec-decoding-acceptance-method spec-method spec-model spec-tokens specialize-active-lora speculative-config
speculative-disable-by-batch-size speculative-disable-mqa-scorer speculative-draft-tensor-parallel-size
speculative-max-model-len speculative-model speculative-model-quantization sse-keep-alive-interval stream-interval
structured-outputs-config swa-bounded-replay swap-space tensor-parallel-size tokenizer-pool-extra-config
tokenizer-pool-size tokenizer-pool-type tokens-only tool-call-parser tool-parser-plugin tool-server
tool-strict-level trust-request-chat-template trust-request-mm-kwargs typical-acceptance-sampler-posterior-alpha
typical-acceptance-sampler-posterior-threshold ubatch-size use-fp64-gumbel use-replayssm use-tqdm-on-load
use-v2-block-manager uvicorn-log-level watchdog-config watermark-config weight-transfer-config worker-cls
worker-extension-cls worker-use-ray
"""

# sglang 0.5.23 wheel: sglang/srt/arg_groups/fields/*.py (ServerArgs fields) and sglang/srt/server_args.py: 495 options.
SGLANG_OPTIONS = """
abort-on-priority-when-disabled asr-max-buffer-seconds asr-max-concurrent-sessions attention-backend attn-cp-size
attn-dp-size aux-hidden-state-capture base-gpu-id bf16-gemm-backend boundary-reduction bucket-e2e-request-latency
bucket-inter-token-latency bucket-time-to-first-token c128-page-size chat-template
checkpoint-engine-wait-weights-before-ready chunked-prefill-size completion-template
constrained-json-disable-any-whitespace constrained-json-max-whitespace-cnt constrained-json-whitespace-pattern
context-length cp-strategy cpu-offload-gb crash-dump-folder cuda-graph-backend-decode cuda-graph-backend-prefill
cuda-graph-bs-decode cuda-graph-bs-prefill cuda-graph-config cuda-graph-max-bs-decode cuda-graph-max-bs-prefill
cuda-graph-max-seq-len-prefill cuda-graph-prefill-max-context custom-weight-loader dcp-comm-backend
dcp-replicate-q-proj dcp-size decode-attention-backend decode-log-interval decoupled-spec-bind-endpoint
decoupled-spec-connect-endpoints decoupled-spec-rank decoupled-spec-role decrypted-config-file
decrypted-draft-config-file deepep-config deepep-dispatcher-output-dtype deepep-mode deepep-v2-mode
default-chat-template-kwargs default-priority-value delete-ckpt-after-loading detokenizer-worker-num
disable-aiter-allreduce-fusion-in-decode disable-aiter-allreduce-fusion-in-prefill disable-attn-tp-gather
disable-chunked-prefix-cache disable-cuda-graph disable-cuda-graph-padding disable-custom-all-reduce
disable-decode-cuda-graph disable-fast-image-processor disable-flashinfer-autotune
disable-flashinfer-cutlass-moe-fp4-allgather disable-hybrid-swa-memory disable-outlines-disk-cache
disable-overlap-schedule disable-prefill-cuda-graph disable-priority-preemption disable-radix-cache
disable-shared-experts-fusion disable-tokenizer-batch-decode disaggregation-bootstrap-port
disaggregation-decode-allocation-policy disaggregation-decode-enable-offload-kvcache
disaggregation-decode-enable-radix-cache disaggregation-decode-extra-slots
disaggregation-decode-host-receive-threshold disaggregation-decode-polling-interval
disaggregation-decode-retraction-backup disaggregation-enable-kv-checksum disaggregation-ib-device
disaggregation-mode disaggregation-transfer-backend dllm-algorithm dllm-algorithm-config dllm-fdfo dp-size
dsa-decode-backend dsa-paged-mqa-logits-backend dsa-prefill-backend dsa-topk-backend dsa-triton-union
dsv4-attn-backend dsv4-prefill-backend dwdp-size dynamic-batch-tokenizer-batch-size
dynamic-batch-tokenizer-batch-timeout elastic-ep-backend elastic-ep-initial-size elastic-ep-scale-timeout
enable-adaptive-dispatch-to-encoder enable-aiter-allreduce-fusion enable-amd-monokernel
enable-attn-tp-input-scattered enable-broadcast-mm-inputs-process enable-cache-report enable-cp-decode-attn-tp
enable-cp-tp-group-sharing enable-cudagraph-gc enable-custom-logit-processor enable-decoder-swa-bounded-replay
enable-deepseek-v4-fp4-indexer enable-dense-mlp-attn-tp enable-deterministic-inference enable-dp-attention
enable-dp-attention-local-control-broadcast enable-dp-lm-head enable-draft-weights-cpu-backup
enable-dsa-cache-layer-split enable-dsa-fused-indexer enable-dynamic-batch-tokenizer enable-dynamic-chunking
enable-elastic-expert-backup enable-encoder-swa-bounded-replay enable-eplb enable-flashinfer-allreduce-fusion
enable-flexkv enable-forward-pass-metrics enable-fp32-lm-head enable-fused-moe-sum-all-reduce
enable-fused-qk-norm-rope enable-hierarchical-cache enable-hisparse enable-http-worker-reuseport enable-http2
enable-int8-mamba-checkpoint enable-kv-cache-sharding enable-layernorm-sp enable-layerwise-nvtx-marker
enable-lean-attention enable-linear-replayssm enable-linear-replayssm-spec enable-linker-mla-dedup enable-lmcache
enable-lora enable-lora-overlap-loading enable-mamba-cache-stochastic-rounding enable-megamoe-for-layernorm-sp
enable-memory-saver enable-mfu-metrics enable-mis enable-mixed-chunk enable-mm-global-cache enable-mscclpp
enable-multi-layer-eagle enable-multimodal enable-nccl-nvls enable-nvidia-megakernel enable-p2p-check
enable-page-major-kv-layout enable-paged-experts enable-pd-role-switch enable-pdmux
enable-precise-embedding-interpolation enable-prefill-cp enable-prefill-delayer enable-prefix-mm-cache
enable-priority-scheduling enable-profile-cuda-graph enable-quant-communications enable-request-time-stats-logging
enable-response-store enable-return-aux-hidden-states enable-return-hidden-states enable-return-indexer-topk
enable-return-routed-experts enable-scattered-sconv enable-session-radix-cache enable-shared-experts-attn-tp
enable-single-batch-overlap enable-ssl-refresh enable-streaming-session enable-strict-thinking enable-symm-mem
enable-tf32-matmul enable-tokenizer-batch-encode enable-torch-compile enable-torch-compile-debug-mode
enable-torch-symm-mem enable-tp-lm-head-all-to-all enable-trace enable-two-batch-overlap
enable-unified-cache-external-linker enable-unified-memory enable-w4a4-mxfp4-megamoe enable-waterfill
enable-watermark enable-weights-cpu-backup encoder-bootstrap-port encoder-only encoder-register-urls
encoder-transfer-backend encoder-urls enforce-disable-flashinfer-allreduce-fusion enforce-shared-experts-fusion
engine-info-bootstrap-port ep-dispatch-algorithm ep-join-mode ep-join-rank-offset ep-num-redundant-experts ep-size
eplb-algorithm eplb-min-rebalancing-utilization-threshold eplb-rebalance-layers-per-chunk
eplb-rebalance-num-iterations expert-balancedness-report-mode expert-distribution-recorder-buffer-size
expert-distribution-recorder-mode experts-shared-outer-loras export-metrics-to-file export-metrics-to-file-dir
extra-metric-labels fastapi-root-path flashinfer-a2a-dispatch-type flashinfer-allreduce-fusion-backend
flashinfer-autotune-skip-ops flashinfer-mla-disable-ragged flashinfer-mxfp4-moe-precision flexkv-config-file
forward-hooks forward-pass-metrics-ipc-name forward-pass-metrics-worker-id fp4-gemm-runner-backend
fp8-gemm-runner-backend fuseep-mode gated-launch-port gc-threshold gc-warning-threshold-secs
generation-tokens-buckets gpu-id-step grammar-backend grpc-mode grpc-port grpc-response-timeout-secs
grpc-worker-threads hf-chat-template-name hicache-host-memory-fraction hicache-host-memory-mode hicache-io-backend
hicache-mem-layout hicache-ratio hicache-size hicache-storage-backend hicache-storage-backend-extra-config
hicache-storage-prefetch-policy hicache-storage-prefetch-retry-max-attempts
hicache-storage-prefetch-retry-poll-interval hicache-write-policy hisparse-config
http2-initial-connection-window-size http2-max-concurrent-streams incremental-streaming-output init-expert-location
int8-mamba-ckpt-size is-embedding json-model-override-args kt-cpuinfer kt-max-deferred-experts-per-token kt-method
kt-num-gpu-experts kt-threadpool-count kt-weight-path kv-cache-dtype kv-canary kv-canary-real-data
kv-canary-sweep-interval kv-events-config language-model-only language-only limit-mm-data-per-request
linear-attn-backend linear-attn-decode-backend linear-attn-prefill-backend linear-attn-verify-backend
linear-replayssm-cache-len lmcache-config-file load-balance-method load-publish-endpoint
load-snapshot-publish-interval lora-backend lora-drain-wait-threshold lora-eviction-policy lora-paths
lora-strict-loading lora-target-modules lora-use-virtual-experts mamba-backend mamba-cache-philox-rounds
mamba-full-memory-ratio mamba-max-states-per-path mamba-radix-cache-strategy mamba-ssm-dtype mamba-track-interval
max-ep-size max-loaded-loras max-lora-chunk-size max-lora-rank max-loras-per-batch max-mamba-cache-size
max-prefill-tokens max-queued-requests max-running-requests max-total-tokens mem-fraction-static
min-free-slots-delay mlx-enable-sampling mm-attention-backend mm-enable-dp-encoder mm-feature-transport
mm-global-cache-backend mm-io-worker-num mm-preprocess-cache-size-mb mm-process-config mm-processor-worker-num
model-checksum model-config-parser model-loader-extra-config modelexpress-config modelopt-checkpoint-restore-path
modelopt-checkpoint-save-path modelopt-export-path modelopt-quant moe-a2a-backend moe-dense-tp-size moe-dp-size
moe-runner-backend monokernel-backend mooncake-ib-device msprobe-dump-config nccl-port num-continuous-decode-steps
num-reserved-decode-tokens numa-node offload-group-size offload-mode offload-num-in-group offload-prefetch-step
optimistic-prefill-attempts page-size paged-experts-num-resident pdmux-config-path ple-offload-backend
ple-offload-dir ple-offload-embedding pp-async-batch-depth pp-max-micro-batch-size pp-size pre-warm-nccl
preferred-sampling-params prefill-attention-backend prefill-decode-interval prefill-decode-interval-min-bs
prefill-delayer-forward-passes-buckets prefill-delayer-max-delay-ms prefill-delayer-max-delay-passes
prefill-delayer-queue-min-ratio prefill-delayer-token-usage-low-watermark prefill-delayer-wait-seconds-buckets
prefill-kv-cache-dequant-dtype prefill-max-requests prefill-only-disable-kv-cache
priority-scheduling-preemption-threshold qsa-indexer-dtype quantization-param-path quantize-and-serve
radix-cache-backend radix-eviction-policy radix-eviction-policy-config reasoning-parser
remote-instance-weight-loader-backend remote-instance-weight-loader-seed-instance-ip
remote-instance-weight-loader-seed-instance-service-port remote-instance-weight-loader-send-weights-group-ports
remote-instance-weight-loader-start-seed-via-transfer-engine retraction-policy return-aux-hidden-state-layer-ids
return-hidden-states-mode return-input-ids return-output-ids rl-on-policy-target rl-quant-profile sampling-backend
sampling-defaults sampling-mask-max-tokens schedule-conservativeness schedule-low-priority-values-first
schedule-policy scheduler-recv-interval served-model-name shared-experts-tp-size show-time-cost sidecar-args
skip-server-warmup skip-tokenizer-init sleep-on-idle sm-group-num smg-grpc-mode smg-http-sidecar-port
soft-watchdog-timeout spec-trace-dir speculative-accept-threshold-acc speculative-accept-threshold-single
speculative-adaptive speculative-adaptive-config speculative-algorithm speculative-attention-mode
speculative-boundary-reduction speculative-dflash-block-size speculative-domino-candidate-pool-size
speculative-draft-attention-backend speculative-draft-kv-cache-dtype speculative-draft-load-format
speculative-draft-model-path speculative-draft-model-quantization speculative-draft-model-revision
speculative-draft-sink-size speculative-draft-window-size speculative-dsa-topk-backend
speculative-dspark-align-verify-tokens-to-graph-tier speculative-dspark-block-size
speculative-dspark-confidence-sts-path speculative-dspark-sps-table-path speculative-eagle-topk
speculative-enable-w4a4-mxfp4-megamoe speculative-moe-a2a-backend speculative-moe-runner-backend
speculative-ngram-capacity speculative-ngram-external-corpus-max-tokens speculative-ngram-external-corpus-path
speculative-ngram-external-sam-budget speculative-ngram-match-type speculative-ngram-max-bfs-breadth
speculative-ngram-max-trie-depth speculative-ngram-min-bfs-breadth speculative-num-draft-tokens
speculative-num-steps speculative-token-map speculative-use-block-verification speculative-use-rejection-sampling
startup-weight-load-mode stream-interval stream-response-default-include-usage strip-thinking-cache
swa-full-tokens-ratio swa-prefix-tails tbo-token-distribution-threshold tokenizer-backend
tokenizer-metrics-allowed-custom-labels tokenizer-metrics-custom-labels-header tokenizer-worker-num tool-call-parser
tool-server torch-compile-max-bs tp-size trace-modules triton-attention-num-kv-splits
triton-attention-reduce-in-fp32 triton-attention-split-tile-size trust-mm-content-hashes trust-request-chat-template
unified-cache-external-linker-backend unified-cache-external-linker-config uno-lora-path use-ray
uses-mamba-radix-cache uvicorn-access-log-exclude-prefixes watchdog-timeout watermark-config
watermark-context-window watermark-default-enabled watermark-enforce-all watermark-key watermark-key-b
watermark-max-probability watermark-mixing-probability weight-cache-mode weight-cache-socket weight-cache-timeout
weight-loader-disable-mmap weight-loader-drop-cache-after-load weight-loader-prefetch-checkpoints
weight-loader-prefetch-num-threads weight-version
"""

# text-generation-inference (GitHub huggingface/text-generation-inference db931fc): launcher/src/main.rs Args: 32 options.
TGI_OPTIONS = """
cuda-graphs cuda-memory-fraction disable-custom-kernels disable-grammar-support huggingface-hub-cache kv-cache-dtype
lora-adapters max-batch-prefill-tokens max-batch-total-tokens max-best-of max-client-batch-size
max-concurrent-requests max-input-length max-input-tokens max-stop-sequences max-top-n-tokens max-total-tokens
max-waiting-tokens ngrok-authtoken ngrok-edge num-shard prometheus-port rope-factor rope-scaling shard-uds-path
tokenizer-config-path usage-stats validation-workers waiting-served-ratio watermark-delta watermark-gamma
weights-cache-override
"""

# llama-cpp-python 0.3.36 sdist: vendor/llama.cpp/common/arg.cpp (llama-server, llama-cli... options): 294 options.
LLAMA_CPP_OPTIONS = """
adaptive-decay adaptive-target api-prefix backend-sampling cache-idle-slots cache-list cache-prompt cache-ram
cache-reuse cache-type-k cache-type-k-draft cache-type-v cache-type-v-draft chat-template chat-template-file
chat-template-kwargs check-tensors checkpoint-min-step chunk-separator chunk-size cls-separator completion-bash
cont-batching context-file context-shift control-vector control-vector-layer-range control-vector-scaled cpu-mask
cpu-mask-batch cpu-mask-batch-draft cpu-mask-draft cpu-moe cpu-moe-draft cpu-range cpu-range-batch
cpu-range-batch-draft cpu-range-draft cpu-strict cpu-strict-batch cpu-strict-batch-draft cpu-strict-draft
ctx-checkpoints ctx-size defrag-thold device-draft diffusion-add-gumbel-noise diffusion-alg-temp diffusion-algorithm
diffusion-block-length diffusion-cfg-scale diffusion-eps diffusion-steps diffusion-visual display-prompt docker-repo
draft-max draft-min draft-n draft-n-min draft-p-min draft-p-split dry-allowed-length dry-base dry-multiplier
dry-penalty-last-n dry-sequence-breaker dynatemp-exp dynatemp-range embd-gemma-default embd-normalize
embd-output-format embd-separator fim-qwen-14b-spec fim-qwen-30b-default fim-qwen-3b-default fim-qwen-7b-default
fim-qwen-7b-spec fit-ctx fit-print fit-target flash-attn from-chunk gpt-oss-120b-default gpt-oss-20b-default
gpu-layers gpu-layers-draft grammar-file grp-attn-n grp-attn-w hellaswag-tasks hf-file hf-repo hf-repo-draft
ignore-eos in-file json-schema json-schema-file kl-divergence kl-divergence-base kv-offload kv-unified
kv-unified-per-slot lazy-mode list-devices load-mode lookup-cache-dynamic lookup-cache-static
lora-init-without-apply lora-scaled main-gpu mcp-servers-config mcp-servers-json min-p mirostat-ent mirostat-lr
mmproj-auto mmproj-device mmproj-offload mmproj-url model-draft model-url models-autoload models-dir models-max
models-preset mtmd-batch-max-tokens multiline-input multiple-choice multiple-choice-tasks n-cpu-ffn n-cpu-moe
n-cpu-moe-draft n-gpu-layers n-gpu-layers-draft n-predict negative-file no-agent no-bos no-cache-idle-slots
no-cache-prompt no-cont-batching no-context-shift no-conversation no-cors-credentials no-display-prompt no-escape
no-host no-jinja no-kv-offload no-kv-unified no-log-jsonl no-log-prefix no-log-timestamps no-mmproj no-mmproj-auto
no-mmproj-offload no-models-autoload no-op-offload no-parse-special no-perf no-ppl no-prefill-assistant
no-reasoning-preserve no-repack no-show-timings no-skip-chat-parsing no-slots no-spec-draft-backend-sampling no-ui
no-ui-mcp-proxy no-warmup no-webui no-webui-mcp-proxy op-offload override-kv override-tensor override-tensor-draft
parse-special pca-batch pca-iter poll-batch poll-batch-draft poll-draft positive-file ppl-output-type ppl-stride
prefill-assistant print-token-count prio-batch prio-batch-draft prio-draft process-output reasoning-budget
reasoning-budget-message reasoning-effort reasoning-format reasoning-preserve repeat-last-n repeat-penalty
reuse-port reverse-prompt rope-freq-base rope-freq-scale rope-scale rope-scaling sampler-seq sampling-seq
save-all-logits save-frequency save-logits server-base show-count show-statistics show-timings simple-io single-turn
skip-chat-parsing sleep-idle-seconds slot-prompt-similarity slot-save-path spec-default spec-draft-backend-sampling
spec-draft-cpu-mask spec-draft-cpu-mask-batch spec-draft-cpu-moe spec-draft-cpu-range spec-draft-cpu-range-batch
spec-draft-cpu-strict spec-draft-cpu-strict-batch spec-draft-device spec-draft-hf spec-draft-model
spec-draft-n-cpu-moe spec-draft-n-max spec-draft-n-min spec-draft-ncmoe spec-draft-ngl spec-draft-override-tensor
spec-draft-p-min spec-draft-p-split spec-draft-poll spec-draft-poll-batch spec-draft-prio spec-draft-prio-batch
spec-draft-threads spec-draft-threads-batch spec-draft-type-k spec-draft-type-v spec-ngram-map-k-min-hits
spec-ngram-map-k-size-m spec-ngram-map-k-size-n spec-ngram-map-k4v-min-hits spec-ngram-map-k4v-size-m
spec-ngram-map-k4v-size-n spec-ngram-min-hits spec-ngram-mod-n-match spec-ngram-mod-n-max spec-ngram-mod-n-min
spec-ngram-simple-min-hits spec-ngram-simple-size-m spec-ngram-simple-size-n spec-ngram-size-m spec-ngram-size-n
spec-synth-len spec-synth-rates spec-type split-mode spm-infill sse-ping-interval swa-checkpoints swa-full
tensor-filter tensor-split tools-runtime tts-lang tts-speaker-file ubatch-size ui-config ui-config-file ui-mcp-proxy
vision-gemma-12b-default vision-gemma-4b-default webui-config webui-config-file webui-mcp-proxy winogrande-tasks
xtc-probability xtc-threshold yarn-attn-factor yarn-beta-fast yarn-beta-slow yarn-ext-factor yarn-orig-ctx
"""

# llama-cpp-python 0.3.36 sdist: llama_cpp/server/settings.py (`python -m llama_cpp.server`): 40 options.
LLAMA_CPP_PYTHON_OPTIONS = """
cache_size cache_type chat_format chat_template_kwargs clip_model_path disable_ping_events draft_model
draft_model_num_pred_tokens flash_attn hf_model_repo_id hf_pretrained_model_name_or_path interrupt_requests
kv_overrides last_n_tokens_size lora_base lora_path main_gpu model_alias mul_mat_q n_batch n_ctx n_gpu_layers
n_ubatch offload_kqv rope_freq_base rope_freq_scale rope_scaling_type rpc_servers split_mode tensor_split type_k
type_v use_mlock use_mmap vocab_only yarn_attn_factor yarn_beta_fast yarn_beta_slow yarn_ext_factor yarn_orig_ctx
"""

# lmdeploy 0.18.0 wheel: lmdeploy/cli/serve.py, cli/utils.py and cli/cli.py: 57 options.
LMDEPLOY_OPTIONS = """
cache-block-seq-len cache-max-entry-count calib-dataset calib-samples calib-seqlen chat-template
cudagraph-capture-batch-sizes disable-cache-status disable-fastapi-docs disable-gdr distributed-executor-backend
dllm-block-length dllm-confidence-threshold dllm-denoising-steps dllm-unmasking-strategy dp-rank dummy-prefill
eager-mode empty-init enable-abort-handling enable-eplb enable-microbatch enable-prefix-caching
enable-return-routed-experts generation-config hf-overrides kernel-block-size kv-transfer-config language-model-only
max-concurrent-requests max-log-len max-prefill-iters max-prefill-token-num migration-backend migration-protocol
model-format moe-a2a-backend num-gpu-blocks num-tokens-per-iter piecewise-cudagraph-max-tokens
prefix-cache-decode-state-interval prefix-cache-state-budget quant-dtype quant-policy reasoning-parser
rope-scaling-factor routing-strategy search-scale serving-strategy session-len speculative-algorithm
speculative-dflash-block-size speculative-draft-model speculative-num-draft-tokens tool-call-parser use-logn-attn
vision-max-batch-size
"""

ENGINE_OPTIONS: dict[str, tuple[str, ...]] = {
    "vllm": tuple(VLLM_OPTIONS.split()),
    "sglang": tuple(SGLANG_OPTIONS.split()),
    "tgi": tuple(TGI_OPTIONS.split()),
    "llama.cpp": tuple(LLAMA_CPP_OPTIONS.split()),
    "llama-cpp-python": tuple(LLAMA_CPP_PYTHON_OPTIONS.split()),
    "lmdeploy": tuple(LMDEPLOY_OPTIONS.split()),
}
