/// The pages of the demo wiki that `opswiki init --demo` writes: a small, realistic operations wiki.
enum DemoPages {
    static let home = """
    # Operations wiki

    Welcome. This wiki is where the platform team keeps what it knows: how to fix things at 3 a.m.,
    what went wrong before, and who to call. Every page is a file in a git repository — clone it,
    grep it, fix it, and send the fix back.

    ## Start here

    - [[runbooks/On-call-handbook|On-call handbook]]: what to do when you are paged
    - [[runbooks/db-failover|Database failover]]: promote the replica when the primary is gone
    - [[runbooks/redis-cache-flush|Redis cache flush]]: when stale data will not go away
    - [[Post-mortems]]: every incident we learned from

    ## Conventions

    | Page kind | Folder | Template |
    | :-- | :-- | :-- |
    | Runbook | `runbooks/` | `_templates/runbook` |
    | Post-mortem | `postmortems/` | `_templates/postmortem` |

    > **Keep runbooks true.** Every runbook names an owner and a review interval in its front matter.
    > A runbook nobody has checked in 90 days is a guess.

    """

    static let sidebar = """
    **Operations wiki**

    - [[Home]]
    - [[runbooks/On-call-handbook|On-call handbook]]
    - [[runbooks/db-failover|Database failover]]
    - [[Post-mortems]]

    """

    static let footer = """
    Found something wrong? Edit the page, or clone `wiki.git` and send a patch.

    """

    static let onCall = """
    ---
    owner: alice
    tags: [on-call, process]
    review-every: 90d
    last-reviewed: 2026-09-01
    ---
    # On-call handbook

    ## When you are paged

    1. Acknowledge the page within **5 minutes**.
    2. Open the incident channel: `#inc-YYYYMMDD-short-name`.
    3. Find the runbook for the alert (the alert's `runbook_url` points here).
    4. If you are stuck for 15 minutes, escalate — that is what the secondary is for.

    ## Severity

    | Severity | Meaning | Response |
    | --- | --- | --- |
    | SEV1 | Customers cannot use the product | All hands, status page within 15 min |
    | SEV2 | A feature is degraded | On-call plus owning team |
    | SEV3 | Internal impact only | Next business day |

    - [x] Laptop charged and VPN working before your shift
    - [ ] Phone not on silent

    """

    static let dbFailoverV1 = """
    ---
    owner: bob
    tags: [database, postgres]
    services: [orders-db]
    severity: SEV1
    review-every: 90d
    last-reviewed: 2026-06-02
    ---
    # Database failover

    Use this when the primary PostgreSQL of `orders-db` is down and will not come back within 5 minutes.

    ## Check

    ```sh
    pg_isready -h orders-db-primary.internal -p 5432
    ```

    ## Promote the replica

    ```sh
    sudo -u postgres pg_ctlcluster 15 main promote
    ```

    ## Point the application at the new primary

    ```yaml
    database:
      host: orders-db-replica.internal
      port: 5432
    ```

    """

    static let dbFailoverV2 = """
    ---
    owner: bob
    tags: [database, postgres]
    services: [orders-db]
    severity: SEV1
    review-every: 90d
    last-reviewed: 2026-06-02
    ---
    # Database failover

    Use this when the primary PostgreSQL of `orders-db` is down and will not come back within 5 minutes.

    ## Check

    ```sh
    pg_isready -h orders-db-primary.internal -p 5432
    ```

    ## Check replication lag first

    Promoting a replica that is far behind loses the writes it has not replayed. Look at the lag:

    ```sql
    SELECT now() - pg_last_xact_replay_timestamp() AS replication_lag;
    ```

    | Lag | Decision |
    | --: | :-- |
    | < 10 s | Promote |
    | 10 s – 5 min | Promote, then reconcile from the WAL archive |
    | > 5 min | Call the database owner before promoting |

    ## Promote the replica

    ```sh
    sudo -u postgres pg_ctlcluster 15 main promote
    ```

    ## Point the application at the new primary

    ```yaml
    database:
      host: orders-db-replica.internal
      port: 5432
    ```

    See also [[runbooks/On-call-handbook|On-call handbook]].

    """

    static let cacheFlush = """
    # Cache flush

    When users see stale prices for more than 10 minutes, flush the pricing keys:

    ```sh
    redis-cli -h cache.internal --scan --pattern 'price:*' | xargs -r redis-cli -h cache.internal del
    ```

    Never run `FLUSHALL` in production: sessions live in the same instance.

    """

    static let postmortemsIndex = """
    # Post-mortems

    Blameless write-ups of what went wrong and what we changed.

    | Date | Incident | Severity |
    | --- | --- | --- |
    | 2026-06-08 | [[postmortems/2026-06-08-api-gateway-outage|API gateway outage]] | SEV1 |

    """

    static let postmortemV1 = """
    # Post-mortem: API gateway outage, 8 June 2026

    **Status:** draft · **Severity:** SEV1 · **Duration:** 47 minutes

    ## Summary

    A configuration push removed the upstream pool of the API gateway. All API requests failed with `502`.

    ## Timeline (UTC)

    | Time | Event |
    | --- | --- |
    | 14:02 | Config change merged and deployed |
    | 14:04 | Error rate alert fires |
    | 14:31 | Change identified |
    | 14:49 | Rollback complete, errors back to normal |

    ## Action items

    - [ ] Validate gateway config in CI
    - [ ] Canary config pushes to one region first

    """

    static let postmortemV2 = """
    # Post-mortem: API gateway outage, 8 June 2026

    **Status:** final · **Severity:** SEV1 · **Duration:** 47 minutes

    ## Summary

    A configuration push removed the upstream pool of the API gateway. All API requests failed with `502`
    for 47 minutes. About 18,000 checkout attempts failed; 60 % were retried successfully afterwards.

    ## Timeline (UTC)

    | Time | Event |
    | --- | --- |
    | 14:02 | Config change merged and deployed to all regions at once |
    | 14:04 | Error rate alert fires; on-call acknowledges |
    | 14:19 | Incident declared SEV1, status page updated |
    | 14:31 | Change identified from the deploy log |
    | 14:49 | Rollback complete, errors back to normal |

    ## What went well

    - The alert fired within two minutes.

    ## What went badly

    - Rolling back took 18 minutes because the previous config was not kept.

    ## Action items

    - [x] Keep the last three gateway configs for instant rollback
    - [ ] Validate gateway config in CI
    - [ ] Canary config pushes to one region first

    """

    static let runbookTemplate = """
    ---
    owner: {{author}}
    tags: []
    review-every: 90d
    last-reviewed: {{date}}
    ---
    # {{title}}

    Use this when …

    ## Check

    ```sh
    ```

    ## Fix

    ## Verify

    """

    static let postmortemTemplate = """
    # Post-mortem: {{title}}

    **Status:** draft · **Severity:** · **Date:** {{date}} · **Author:** {{author}}

    ## Summary

    ## Timeline (UTC)

    | Time | Event |
    | --- | --- |
    |  |  |

    ## What went well

    ## What went badly

    ## Action items

    - [ ] 

    """
}
