export const UP_USAGE = `Usage: npm run up -- [--once] [--emulated-cloud [--deployment D]]
       npm run up -- --cloud [--region R] [--stack S] [--certificate-arn ARN --driver-hostname H] [...]

Brings the whole setup up with one command; \`npm run down\` takes it down.

Modes
  (none)              On this machine: a Redis runtime (Docker/podman, or redis-server), the driver
                      with the local provisioner, one cache created as Humanitec creates it (PUT
                      repeated until 200), and the sample app on it. Prints the page URL and serves
                      until Ctrl-C, then deletes the cache and stops everything it started.
  --emulated-cloud    The same with the driver in elasticache mode against the local ElastiCache
                      endpoint.
  --cloud             On AWS: a preflight (credentials, region, Pulumi CLI, docker or podman, kubectl,
                      AWS CLI, optional HUMANITEC_TOKEN and HUMANITEC_ORG) that lists every missing
                      piece before anything is created; then the infra stack through Pulumi, the
                      images built and pushed, the driver deployed, Humanitec registration when a
                      token is given, a cache created through the deployed driver, the sample app on
                      it, and the e2e suite against the deployment. Re-running resumes: steps done and
                      still in place are skipped (record in .kit-state/up-cloud-<stack>.json).

Flags
  --once                   (local modes) delete and stop everything right after the check
  --deployment D           (emulated cloud) what the cache is: node-based (default; a replication
                           group with TLS and an AUTH token), serverless, or cluster (cluster mode,
                           2 shards); serverless and cluster run as Redis Clusters, and the sample
                           app connects with a cluster-aware client
  --stack NAME             (cloud) Pulumi stack name (default: dev)
  --region REGION          (cloud) AWS region (default: AWS_REGION, then AWS_DEFAULT_REGION)
  --namespace NAME         (cloud) Kubernetes namespace of the workloads (default: elasticache-driver)
  --certificate-arn ARN    (cloud) ACM certificate: the driver gets a public HTTPS address (with
  --driver-hostname HOST   (cloud)  the host name it covers); needed for Humanitec to call it
  --platform P             (cloud) image platform of the nodes (default: the stack's nodePlatform
                           output: linux/arm64 for Graviton node types, else linux/amd64)
  --cache-timeout D        (cloud) how long the cache may take to be created (default: 45m)
  --driver-id ID           (cloud) Humanitec driver id (default: elasticache-driver-kit)
  --definition-id ID       (cloud) Humanitec resource definition id (default: elasticache-redis)
  --env-type T             (cloud) environment type the definition matches (default: development)
  --fresh                  (cloud) ignore the record of an earlier run; check every step again
  -h, --help               this text

Environment
  LOCAL_RUNTIME            local mode: auto (default), container or process
  HUMANITEC_TOKEN, HUMANITEC_ORG, HUMANITEC_API_URL   registration (cloud, optional)
  KIT_CONTAINER_TOOL       docker or podman (cloud; default: the first whose engine answers)

Exit codes: 0 up and checked, or stopped on request (Ctrl-C, SIGTERM, a closed output) with
nothing left running; 1 a step failed or something was left running; 2 a usage mistake; 130
--once or --cloud interrupted before the end (a local run deletes what it created first).`;
