// Generated from openapi.yaml by scripts/generate.mjs. Do not edit.
/** The whole contract as data, for request validation in the fake and response checks in tests. */
// biome-ignore lint/suspicious/noExplicitAny: a JSON document
export const openapiDocument: Record<string, any> = {
  "openapi": "3.1.0",
  "info": {
    "title": "CrowNest API",
    "version": "1.0.0",
    "summary": "Run code in cloud sandboxes.",
    "license": {
      "name": "MIT",
      "identifier": "MIT"
    },
    "description": "The REST API of CrowNest: sandboxes, commands and their logs, files,\nartifacts, previews, projects and workspace runs.\n\n## Conventions\n- JSON bodies with camelCase fields. Times are RFC 3339 strings. IDs are\n  prefixed (`org_`, `prj_`, `sbx_`, `cmd_`, `art_`, `prv_`, `wsr_`, `upl_`,\n  `tplv_`); a malformed ID is answered like an unknown one (404 `not_found`).\n- Auth: `Authorization: Bearer <apiKey>`. A missing or unknown key is 401\n  `unauthorized`. A key without the operation's scope (listed in each\n  operation's security requirement) is 403 `forbidden`. A resource in a\n  project the key cannot see is 404 `not_found`: existence never leaks.\n- Every non-2xx body is the `Error` envelope, and every response carries\n  `X-Request-Id`. The HTTP status of each error code is fixed: see\n  `ErrorCode` (`x-http-status`). An unknown path is 404 `not_found`; a\n  known path with another method is 405 `method_not_allowed`. A body that\n  isn't the operation's content type is 415, one over the operation's\n  size limit 413, malformed JSON or a schema violation 400\n  `invalid_request` with `details.issues`. A size over a limit is 413\n  whether it is sent or only declared (a size field or header whose\n  schema carries `x-too-large` names the code).\n- Lists return `{\"data\": [...]}`, oldest first.\n- Idempotency: every POST (and the archive PUT, writeFile and deleteFile)\n  accepts `Idempotency-Key`.\n  The same key with the same method, path, body and meaning-changing\n  headers (the operation's declared headers, such as `X-Archive-Sha256`\n  and `X-Archive-Size-Bytes`, and the media type of `Content-Type`)\n  within 24 hours replays\n  the first response (same status and body, plus `Idempotent-Replayed: true`);\n  a retry that arrives while the first request is still being processed\n  waits for it and gets the same response. A replay carries its own\n  `X-Request-Id`. The same key with another\n  method, path, body or meaning-changing header is 409 `idempotency_key_reused`. Keys are scoped to\n  the API key. Error responses of 5xx and 429 are not stored, so a retry\n  after them runs the request again.\n- Retry hints: 429 and 503 may carry `Retry-After` (seconds) and\n  `Retry-After-Ms` (milliseconds, more precise; clients prefer it).\n  `quota_exceeded` (429) carries no retry hint: it clears only when a\n  resource is freed.\n- Server-sent events (`text/event-stream`): each event is `event: <type>`\n  and one `data:` line holding the event's JSON object (with its `type`).\n  Events that advance the stream's sequence also carry `id: <seq>`;\n  `heartbeat`, `terminal` and `error` events carry no `id`. Resume with\n  `?afterSeq=N` or the `Last-Event-ID` header (the query wins when both are\n  given). Heartbeats are sent every 15 seconds of service time\n  (`x-limits.heartbeatIntervalMs`), so a stream that sends no byte for\n  several intervals is dead. Clients reopen a dropped stream (or one that\n  can't be opened: refused, 5xx, 429) from the last seq, with backoff,\n  for up to `x-limits.streamReconnectTimeoutMs` (30000) without progress,\n  so a restart of the service is outlasted; a new seq, or a connection\n  alive for several heartbeat intervals, is progress (heartbeats alone\n  are not). The stream ends after the `terminal` event.\n  When the resume point has left the retention window the stream first\n  sends an `error` event with code `stream_gap` (details:\n  `requestedAfterSeq`, `firstAvailableSeq`) and then continues from the\n  oldest retained event, so the gap is always visible. A stream opened\n  with no resume point reads from the start (`afterSeq=0`): when early\n  events were trimmed it begins with `stream_gap` too, and so does a\n  reader that falls behind the window mid-stream. An `error` event with\n  any other code ends the stream without a `terminal` event: the stream\n  can't go on (for example a test service's clock that nobody moves,\n  `invalid_state` with `details.clockStalled`); clients raise it as that\n  code's error, with its HTTP status, and do not reconnect. One event (its\n  `event:`, `id:` and `data:` lines) is at most `x-limits.maxEventBytes`\n  bytes; a log chunk's `data` is at most `x-limits.maxLogChunkBytes`\n  bytes of UTF-8 (longer output is split, see Limits).\n- Redirects: the service never answers an API call with a redirect, and\n  clients follow none (a 3xx is an error), so no header, key or body is\n  ever sent somewhere else by way of a `Location`.\n\n## Limits\nThe service's bounds, also in the root `x-limits` table:\n- A file is at most `maxFileBytes` (104857600); a sandbox's `/workspace`\n  holds at most `maxWorkspaceBytes` (268435456) in all. A write past\n  either fails like a full disk: a program's write gets an error (the\n  command prints `No space left on device` or `File too large` on stderr\n  and exits non-zero); writeFile and archive extraction are 413\n  `file_too_large` (details: `limit`, `reason`: `file` or `workspace`),\n  and an archive that would not fit fails its run with nothing extracted.\n- A log chunk is at most `maxLogChunkBytes` (16384) of UTF-8: a larger\n  write is split into several chunks (never inside a character).\n- A graceful cancel gives the process `cancelGraceMs` (10000) after\n  SIGTERM before SIGKILL.\n- A JSON request body is at most `maxJsonBodyBytes` (1048576): a larger\n  one is 413 `request_too_large`.\n- A command keeps at most `commandOutputCapBytes` (1048576) of each stream\n  on its record (`stdoutTruncated`/`stderrTruncated`); a workspace run\n  keeps at most `runOutputCapBytes` (16777216) of each stream for its\n  evidence (`outputs` digests what was kept).\n- Clients' defaults, in the root `x-client-defaults` table: a call's\n  time limit `timeoutMs` (660000, above the longest command),\n  `maxRetries` (2) after the first try, and the backoff between\n  tries, a random wait up to `retryBaseDelayMs` (500) doubled each try\n  and capped at `retryMaxDelayMs` (8000); a `Retry-After-Ms` or\n  `Retry-After` hint up to `retryMaxHintMs` (60000) is waited instead.\n  A stream with no byte (heartbeats included) for\n  `streamIdleTimeoutMs` (45000, three heartbeat intervals) is dropped\n  and reopened.\n- Clients upload an archive of at most `directUploadMaxBytes` (1048576)\n  in one request (uploadWorkspaceRunArchive), a larger one through a\n  staged transfer: a client's choice, not a service limit.\n- A workspace run has at most `maxTransfersPerRun` (8) staged transfers:\n  one more is 429 `quota_exceeded`. Staged bytes are dropped when the run\n  ends.\n- A list returns at most `maxListItems` (1000) items: the last ones (the\n  newest, still oldest first, where a list is in creation order).\n- Ended sandboxes, commands and workspace runs (with their logs, events\n  and transfers) are kept for `retentionMs` (86400000, 24 hours) after they\n  ended; afterwards reading one is 404 `not_found`, as for an unknown ID.\n  Idempotency keys are kept for `idempotencyWindowMs` (24 hours).\n"
  },
  "x-limits": {
    "maxFileBytes": 104857600,
    "maxWorkspaceBytes": 268435456,
    "maxLogChunkBytes": 16384,
    "commandOutputCapBytes": 1048576,
    "runOutputCapBytes": 16777216,
    "maxTransfersPerRun": 8,
    "maxListItems": 1000,
    "retentionMs": 86400000,
    "idempotencyWindowMs": 86400000,
    "heartbeatIntervalMs": 15000,
    "maxEventBytes": 16777216,
    "runWaitMs": 60000,
    "cancelGraceMs": 10000,
    "maxJsonBodyBytes": 1048576,
    "streamReconnectTimeoutMs": 30000,
    "directUploadMaxBytes": 1048576
  },
  "x-client-defaults": {
    "timeoutMs": 660000,
    "maxRetries": 2,
    "retryBaseDelayMs": 500,
    "retryMaxDelayMs": 8000,
    "retryMaxHintMs": 60000,
    "streamIdleTimeoutMs": 45000
  },
  "servers": [
    {
      "url": "https://api.crownest.dev",
      "description": "Production"
    }
  ],
  "security": [
    {
      "bearerAuth": []
    }
  ],
  "tags": [
    {
      "name": "Sandboxes",
      "description": "Isolated machines with a lifetime (TTL) and a workspace at `/workspace`."
    },
    {
      "name": "Commands",
      "description": "Processes run inside a sandbox, with sequenced logs."
    },
    {
      "name": "Files",
      "description": "Files inside a sandbox's `/workspace`."
    },
    {
      "name": "Artifacts",
      "description": "Workspace files exported to durable storage; they outlive their sandbox."
    },
    {
      "name": "Previews",
      "description": "Authenticated HTTP URLs for services listening in a sandbox."
    },
    {
      "name": "Projects",
      "description": "Projects visible to the API key."
    },
    {
      "name": "Workspace Runs",
      "description": "Upload an archive, run one command on it in a curated template, stream events, read evidence."
    },
    {
      "name": "Transfers",
      "description": "Signed URLs issued by other operations (downloads, staged archive uploads)."
    }
  ],
  "paths": {
    "/v1/sandboxes": {
      "post": {
        "operationId": "createSandbox",
        "summary": "Create a sandbox",
        "description": "Creates a running sandbox. The TTL defaults to 300000 ms (or the plan's\nmaximum when that is lower); `expiresAt` reflects the resolved TTL.\n`templateVersionId` pins an immutable template version; given alone it\nalso selects the template, given with a `template` of another slug it\nis `invalid_request`. Errors: `sandbox_ttl_exceeded` when `ttlMs` is\nover the plan's maximum, `quota_exceeded` at the plan's live-sandbox\nlimit.\n",
        "tags": [
          "Sandboxes"
        ],
        "security": [
          {
            "bearerAuth": [
              "sandbox:create"
            ]
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CreateSandboxRequest"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The new sandbox.",
            "links": {
              "GetSandbox": {
                "$ref": "#/components/links/SandboxGetSandbox"
              },
              "KillSandbox": {
                "$ref": "#/components/links/SandboxKillSandbox"
              },
              "RunCommand": {
                "$ref": "#/components/links/SandboxRunCommand"
              },
              "StartCommand": {
                "$ref": "#/components/links/SandboxStartCommand"
              },
              "ListFiles": {
                "$ref": "#/components/links/SandboxListFiles"
              },
              "DeleteFile": {
                "$ref": "#/components/links/SandboxDeleteFile"
              },
              "ReadFile": {
                "$ref": "#/components/links/SandboxReadFile"
              },
              "WriteFile": {
                "$ref": "#/components/links/SandboxWriteFile"
              },
              "StatFile": {
                "$ref": "#/components/links/SandboxStatFile"
              },
              "MakeDirectory": {
                "$ref": "#/components/links/SandboxMakeDirectory"
              },
              "MoveFile": {
                "$ref": "#/components/links/SandboxMoveFile"
              },
              "CreateFileDownloadUrl": {
                "$ref": "#/components/links/SandboxCreateFileDownloadUrl"
              },
              "CreateArtifact": {
                "$ref": "#/components/links/SandboxCreateArtifact"
              },
              "ListArtifacts": {
                "$ref": "#/components/links/SandboxListArtifacts"
              },
              "CreatePreview": {
                "$ref": "#/components/links/SandboxCreatePreview"
              },
              "ListPreviews": {
                "$ref": "#/components/links/SandboxListPreviews"
              }
            },
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "Idempotent-Replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Sandbox"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      },
      "get": {
        "operationId": "listSandboxes",
        "summary": "List sandboxes",
        "description": "Live sandboxes (status `running`) of the projects the key can see; `includeEnded=true` adds `destroyed` and `failed` ones. A `projectId` the key can't see gives an empty list.",
        "tags": [
          "Sandboxes"
        ],
        "security": [
          {
            "bearerAuth": [
              "sandbox:read"
            ]
          }
        ],
        "parameters": [
          {
            "name": "includeEnded",
            "in": "query",
            "required": false,
            "schema": {
              "type": "boolean",
              "default": false
            }
          },
          {
            "name": "projectId",
            "in": "query",
            "required": false,
            "schema": {
              "$ref": "#/components/schemas/ProjectId"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The sandboxes.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SandboxList"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/v1/sandboxes/{sandboxId}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/SandboxIdPath"
        }
      ],
      "get": {
        "operationId": "getSandbox",
        "summary": "Get a sandbox",
        "tags": [
          "Sandboxes"
        ],
        "security": [
          {
            "bearerAuth": [
              "sandbox:read"
            ]
          }
        ],
        "responses": {
          "200": {
            "description": "The sandbox, whatever its status.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Sandbox"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      },
      "delete": {
        "operationId": "killSandbox",
        "summary": "Kill a sandbox",
        "description": "Destroys the sandbox and returns its record with status `destroyed`.\nIdempotent by state: killing a destroyed or failed sandbox returns it\nunchanged. Its running commands end `killed` (`killedReason`\n`sandbox_destroyed`) and its active previews are revoked.\n",
        "tags": [
          "Sandboxes"
        ],
        "security": [
          {
            "bearerAuth": [
              "sandbox:delete"
            ]
          }
        ],
        "responses": {
          "200": {
            "description": "The sandbox record.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Sandbox"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/v1/sandboxes/{sandboxId}/commands/run": {
      "parameters": [
        {
          "$ref": "#/components/parameters/SandboxIdPath"
        }
      ],
      "post": {
        "operationId": "runCommand",
        "summary": "Run a command and wait for it to exit",
        "description": "Runs the command and answers when it has ended, with the full record\n(`exitCode`, `stdout`, `stderr`). A non-zero exit code, a cancel or a\nkill is not an error: check `status` and `exitCode`. Only a timeout is:\n422 `command_timed_out` with the final record in `details.command`.\nThe wait is bounded: a command still running after the service's wait\nbudget (`x-limits.runWaitMs`, 60 seconds; well under the response\nheader limits of common HTTP clients and proxies) is answered 202 with\nits still-running record. Follow it to its end with streamCommandLogs\n(the `terminal` event carries the final record, collected artifacts\nincluded) or getCommand. A replay of the same Idempotency-Key returns\nthat same 202 record, so a retried run never starts a second process.\n`waitMs` shortens the wait (0: answer 202 at once, for live output).\n`collect` exports files as artifacts after the command ends (scope\n`artifact:create` required when it is given); `collectOn` `success`\n(default) collects only on exit code 0.\n",
        "tags": [
          "Commands"
        ],
        "security": [
          {
            "bearerAuth": [
              "command:run"
            ]
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/RunCommandRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The ended command.",
            "links": {
              "GetCommand": {
                "$ref": "#/components/links/CommandGetCommand"
              },
              "CancelCommand": {
                "$ref": "#/components/links/CommandCancelCommand"
              },
              "ListCommandLogs": {
                "$ref": "#/components/links/CommandListCommandLogs"
              },
              "StreamCommandLogs": {
                "$ref": "#/components/links/CommandStreamCommandLogs"
              }
            },
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "Idempotent-Replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Command"
                }
              }
            }
          },
          "202": {
            "description": "The command, still running when the wait budget ran out.",
            "links": {
              "GetCommand": {
                "$ref": "#/components/links/CommandGetCommand"
              },
              "CancelCommand": {
                "$ref": "#/components/links/CommandCancelCommand"
              },
              "ListCommandLogs": {
                "$ref": "#/components/links/CommandListCommandLogs"
              },
              "StreamCommandLogs": {
                "$ref": "#/components/links/CommandStreamCommandLogs"
              }
            },
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "Idempotent-Replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Command"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/v1/sandboxes/{sandboxId}/commands": {
      "parameters": [
        {
          "$ref": "#/components/parameters/SandboxIdPath"
        }
      ],
      "post": {
        "operationId": "startCommand",
        "summary": "Start a command",
        "description": "Starts the command and answers at once (202) with status `queued` or\n`starting`; follow it with getCommand or streamCommandLogs. Doesn't\naccept `collect` or `collectOn`. At the plan's limit of running\ncommands per sandbox: 429 `quota_exceeded`.\n",
        "tags": [
          "Commands"
        ],
        "security": [
          {
            "bearerAuth": [
              "command:run"
            ]
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/StartCommandRequest"
              }
            }
          }
        },
        "responses": {
          "202": {
            "description": "The started command.",
            "links": {
              "GetCommand": {
                "$ref": "#/components/links/CommandGetCommand"
              },
              "CancelCommand": {
                "$ref": "#/components/links/CommandCancelCommand"
              },
              "ListCommandLogs": {
                "$ref": "#/components/links/CommandListCommandLogs"
              },
              "StreamCommandLogs": {
                "$ref": "#/components/links/CommandStreamCommandLogs"
              }
            },
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "Idempotent-Replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Command"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/v1/commands/{commandId}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/CommandIdPath"
        }
      ],
      "get": {
        "operationId": "getCommand",
        "summary": "Get a command",
        "tags": [
          "Commands"
        ],
        "security": [
          {
            "bearerAuth": [
              "command:read"
            ]
          }
        ],
        "responses": {
          "200": {
            "description": "The command's current state.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Command"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/v1/commands/{commandId}/cancel": {
      "parameters": [
        {
          "$ref": "#/components/parameters/CommandIdPath"
        }
      ],
      "post": {
        "operationId": "cancelCommand",
        "summary": "Cancel a command",
        "description": "`graceful` (default) sends SIGTERM: the process may clean up and exit\nwith a code of its own; one that has not exited `cancelGraceMs`\n(10000 ms, see Limits) later gets SIGKILL. `force` sends SIGKILL. The command ends `canceled`, with\n`cancelMode`, `canceledAt` and `terminationSignal` set. Idempotent by\nstate: cancelling an ended command returns it unchanged, and a second\ngraceful cancel while the first is pending changes nothing (a `force`\none escalates).\n",
        "tags": [
          "Commands"
        ],
        "security": [
          {
            "bearerAuth": [
              "command:run"
            ]
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CancelCommandRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The command after the cancel request.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "Idempotent-Replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Command"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/v1/commands/{commandId}/logs": {
      "parameters": [
        {
          "$ref": "#/components/parameters/CommandIdPath"
        }
      ],
      "get": {
        "operationId": "listCommandLogs",
        "summary": "List stored log chunks",
        "description": "Chunks with `seq` greater than `afterSeq`, oldest first, at most\n`limit`. No `afterSeq` means `afterSeq=0`: from the start. An\n`afterSeq` that is before the retention window (0 included, once\nearly chunks were trimmed) is 409 `stream_gap` (details:\n`requestedAfterSeq`, `firstAvailableSeq`): ask again with\n`afterSeq=firstAvailableSeq-1` to read what is retained. `hasMore`\nsays whether more chunks are stored after this page; read on with\n`afterSeq=nextAfterSeq`.\n",
        "tags": [
          "Commands"
        ],
        "security": [
          {
            "bearerAuth": [
              "command:read"
            ]
          }
        ],
        "parameters": [
          {
            "name": "afterSeq",
            "in": "query",
            "required": false,
            "schema": {
              "type": "integer",
              "minimum": 0
            }
          },
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 100,
              "default": 50
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The chunks.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CommandLogChunkList"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/v1/commands/{commandId}/logs/stream": {
      "parameters": [
        {
          "$ref": "#/components/parameters/CommandIdPath"
        }
      ],
      "get": {
        "operationId": "streamCommandLogs",
        "summary": "Stream logs over server-sent events",
        "description": "`log` events (with `id: <seq>`) as output arrives, `heartbeat` events\nwhile the command is quiet, and one `terminal` event with the final\ncommand, after which the stream ends. See the conventions for resume\nand `stream_gap`.\n",
        "tags": [
          "Commands"
        ],
        "security": [
          {
            "bearerAuth": [
              "command:read"
            ]
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/AfterSeq"
          },
          {
            "$ref": "#/components/parameters/LastEventId"
          }
        ],
        "responses": {
          "200": {
            "description": "The event stream.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "text/event-stream": {
                "schema": {
                  "$ref": "#/components/schemas/CommandLogStreamEvent"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/v1/sandboxes/{sandboxId}/files": {
      "parameters": [
        {
          "$ref": "#/components/parameters/SandboxIdPath"
        }
      ],
      "get": {
        "operationId": "listFiles",
        "summary": "List a directory",
        "description": "The entries of a directory (not recursive), sorted by name. A file path is 400 `not_a_directory`.",
        "tags": [
          "Files"
        ],
        "security": [
          {
            "bearerAuth": [
              "file:read"
            ]
          }
        ],
        "parameters": [
          {
            "name": "path",
            "in": "query",
            "required": false,
            "schema": {
              "$ref": "#/components/schemas/WorkspacePath"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The entries.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/FileStatList"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      },
      "delete": {
        "operationId": "deleteFile",
        "summary": "Delete a file or an empty directory",
        "description": "There is no recursive delete; a non-empty directory is 409 `directory_not_empty`. `/workspace` itself can't be deleted (400 `invalid_request`). Takes an Idempotency-Key, so a retry after a dropped connection replays the first answer instead of reporting `not_found`.",
        "tags": [
          "Files"
        ],
        "security": [
          {
            "bearerAuth": [
              "file:write"
            ]
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          },
          {
            "name": "path",
            "in": "query",
            "required": true,
            "schema": {
              "$ref": "#/components/schemas/WorkspacePath"
            }
          }
        ],
        "responses": {
          "204": {
            "description": "Deleted.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "Idempotent-Replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/v1/sandboxes/{sandboxId}/files/content": {
      "parameters": [
        {
          "$ref": "#/components/parameters/SandboxIdPath"
        }
      ],
      "get": {
        "operationId": "readFile",
        "summary": "Read a file",
        "description": "Files over 262144 bytes are 413 `file_too_large`; use createFileDownloadUrl for them. A directory is 400 `is_a_directory`. Reading as `utf8` a file that isn't valid UTF-8 is 400 `invalid_request` (read it as `base64`).",
        "tags": [
          "Files"
        ],
        "security": [
          {
            "bearerAuth": [
              "file:read"
            ]
          }
        ],
        "parameters": [
          {
            "name": "path",
            "in": "query",
            "required": true,
            "schema": {
              "$ref": "#/components/schemas/WorkspacePath"
            }
          },
          {
            "name": "encoding",
            "in": "query",
            "required": false,
            "schema": {
              "$ref": "#/components/schemas/FileEncoding"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The file's content.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/FileContent"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      },
      "put": {
        "operationId": "writeFile",
        "summary": "Write a file",
        "description": "Writes the whole file and returns its stat record. The decoded content\nis at most 262144 bytes (413 `file_too_large`). A missing parent\ndirectory is 404 `not_found` unless `createParents`; an existing file\nwith `overwrite: false` is 409 `already_exists`; a directory at the\npath is 400 `is_a_directory`. Takes an Idempotency-Key, so a retry\nafter a dropped connection replays the first answer instead of\nreporting `already_exists`.\n",
        "tags": [
          "Files"
        ],
        "security": [
          {
            "bearerAuth": [
              "file:write"
            ]
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/WriteFileRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The written file.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "Idempotent-Replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/FileStat"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/v1/sandboxes/{sandboxId}/files/stat": {
      "parameters": [
        {
          "$ref": "#/components/parameters/SandboxIdPath"
        }
      ],
      "get": {
        "operationId": "statFile",
        "summary": "Stat a file or directory",
        "tags": [
          "Files"
        ],
        "security": [
          {
            "bearerAuth": [
              "file:read"
            ]
          }
        ],
        "parameters": [
          {
            "name": "path",
            "in": "query",
            "required": true,
            "schema": {
              "$ref": "#/components/schemas/WorkspacePath"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The stat record.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/FileStat"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/v1/sandboxes/{sandboxId}/files/mkdir": {
      "parameters": [
        {
          "$ref": "#/components/parameters/SandboxIdPath"
        }
      ],
      "post": {
        "operationId": "makeDirectory",
        "summary": "Make a directory",
        "description": "Without `parents` a missing parent is 404 `not_found` and an existing entry is 409 `already_exists`; with `parents` missing parents are made and an existing directory is fine (like `mkdir -p`).",
        "tags": [
          "Files"
        ],
        "security": [
          {
            "bearerAuth": [
              "file:write"
            ]
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/MakeDirectoryRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The directory.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "Idempotent-Replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/FileStat"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/v1/sandboxes/{sandboxId}/files/move": {
      "parameters": [
        {
          "$ref": "#/components/parameters/SandboxIdPath"
        }
      ],
      "post": {
        "operationId": "moveFile",
        "summary": "Move or rename a file or directory",
        "description": "An existing destination is 409 `already_exists` unless `overwrite` (a directory is never overwritten). Moving a directory into itself is 400 `invalid_request`.",
        "tags": [
          "Files"
        ],
        "security": [
          {
            "bearerAuth": [
              "file:write"
            ]
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/MoveFileRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The entry at its new path.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "Idempotent-Replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/FileStat"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/v1/sandboxes/{sandboxId}/files/download-url": {
      "parameters": [
        {
          "$ref": "#/components/parameters/SandboxIdPath"
        }
      ],
      "post": {
        "operationId": "createFileDownloadUrl",
        "summary": "Get a short-lived download URL for a file of any size",
        "description": "The URL is on the API origin, valid for 15 minutes, and needs the API key (`authMode` `api_key`). The file's bytes are those at the time of this call.",
        "tags": [
          "Files"
        ],
        "security": [
          {
            "bearerAuth": [
              "file:read"
            ]
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/FileDownloadUrlRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The signed URL.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "Idempotent-Replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/DownloadUrl"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/v1/file-downloads/{token}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/SignedToken"
        }
      ],
      "get": {
        "operationId": "downloadFile",
        "summary": "Download a file through a signed URL",
        "description": "The target of createFileDownloadUrl. Needs the API key as well as a valid, unexpired token (403 `url_expired`, 403 `invalid_signature`).",
        "tags": [
          "Transfers"
        ],
        "security": [
          {
            "bearerAuth": [
              "file:read"
            ]
          }
        ],
        "responses": {
          "200": {
            "description": "The file's bytes.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "Content-Length": {
                "$ref": "#/components/headers/ContentLength"
              }
            },
            "content": {
              "application/octet-stream": {
                "schema": {
                  "$ref": "#/components/schemas/Binary"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/v1/sandboxes/{sandboxId}/artifacts": {
      "parameters": [
        {
          "$ref": "#/components/parameters/SandboxIdPath"
        }
      ],
      "post": {
        "operationId": "createArtifact",
        "summary": "Export a workspace file as an artifact",
        "description": "Copies the file's bytes to durable storage. `name` defaults to the file's base name. A directory is 400 `is_a_directory`; artifacts are at most 104857600 bytes (413 `file_too_large`).",
        "tags": [
          "Artifacts"
        ],
        "security": [
          {
            "bearerAuth": [
              "artifact:create"
            ]
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CreateArtifactRequest"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The new artifact.",
            "links": {
              "GetArtifact": {
                "$ref": "#/components/links/ArtifactGetArtifact"
              },
              "DeleteArtifact": {
                "$ref": "#/components/links/ArtifactDeleteArtifact"
              },
              "DownloadArtifact": {
                "$ref": "#/components/links/ArtifactDownloadArtifact"
              },
              "CreateArtifactDownloadUrl": {
                "$ref": "#/components/links/ArtifactCreateArtifactDownloadUrl"
              }
            },
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "Idempotent-Replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Artifact"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      },
      "get": {
        "operationId": "listArtifacts",
        "summary": "List a sandbox's artifacts",
        "description": "The sandbox's artifacts that are not deleted, oldest first. Works after the sandbox is destroyed.",
        "tags": [
          "Artifacts"
        ],
        "security": [
          {
            "bearerAuth": [
              "artifact:read"
            ]
          }
        ],
        "responses": {
          "200": {
            "description": "The artifacts.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ArtifactList"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/v1/artifacts/{artifactId}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/ArtifactIdPath"
        }
      ],
      "get": {
        "operationId": "getArtifact",
        "summary": "Get an artifact",
        "description": "Deleted artifacts are still returned, with `deletedAt` set.",
        "tags": [
          "Artifacts"
        ],
        "security": [
          {
            "bearerAuth": [
              "artifact:read"
            ]
          }
        ],
        "responses": {
          "200": {
            "description": "The artifact.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Artifact"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      },
      "delete": {
        "operationId": "deleteArtifact",
        "summary": "Delete an artifact",
        "description": "Idempotent by state; returns the artifact with `deletedAt` set. Its content is gone (409 `invalid_state` on download).",
        "tags": [
          "Artifacts"
        ],
        "security": [
          {
            "bearerAuth": [
              "artifact:delete"
            ]
          }
        ],
        "responses": {
          "200": {
            "description": "The deleted artifact.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Artifact"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/v1/artifacts/{artifactId}/content": {
      "parameters": [
        {
          "$ref": "#/components/parameters/ArtifactIdPath"
        }
      ],
      "get": {
        "operationId": "downloadArtifact",
        "summary": "Download an artifact's bytes",
        "tags": [
          "Artifacts"
        ],
        "security": [
          {
            "bearerAuth": [
              "artifact:read"
            ]
          }
        ],
        "responses": {
          "200": {
            "description": "The artifact's bytes.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "Content-Length": {
                "$ref": "#/components/headers/ContentLength"
              }
            },
            "content": {
              "application/octet-stream": {
                "schema": {
                  "$ref": "#/components/schemas/Binary"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/v1/artifacts/{artifactId}/download-url": {
      "parameters": [
        {
          "$ref": "#/components/parameters/ArtifactIdPath"
        }
      ],
      "post": {
        "operationId": "createArtifactDownloadUrl",
        "summary": "Get a short-lived signed download URL for an artifact",
        "description": "The URL is valid for 15 minutes and carries its own signature (`authMode` `none`); send no Authorization header to it.",
        "tags": [
          "Artifacts"
        ],
        "security": [
          {
            "bearerAuth": [
              "artifact:read"
            ]
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "200": {
            "description": "The signed URL.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "Idempotent-Replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/DownloadUrl"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/v1/artifact-downloads/{token}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/SignedToken"
        }
      ],
      "get": {
        "operationId": "downloadSignedArtifact",
        "summary": "Download an artifact through a signed URL",
        "description": "The target of createArtifactDownloadUrl. The token alone authorises (403 `url_expired`, 403 `invalid_signature`); a request carrying an Authorization header is 400 `invalid_request`, as object stores refuse two auth mechanisms.",
        "tags": [
          "Transfers"
        ],
        "security": [],
        "responses": {
          "200": {
            "description": "The artifact's bytes.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "Content-Length": {
                "$ref": "#/components/headers/ContentLength"
              }
            },
            "content": {
              "application/octet-stream": {
                "schema": {
                  "$ref": "#/components/schemas/Binary"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/v1/sandboxes/{sandboxId}/previews": {
      "parameters": [
        {
          "$ref": "#/components/parameters/SandboxIdPath"
        }
      ],
      "post": {
        "operationId": "createPreview",
        "summary": "Expose a sandbox port at a preview URL",
        "description": "One active preview exists per sandbox and port; creating it again returns the existing one with 200 instead of 201.",
        "tags": [
          "Previews"
        ],
        "security": [
          {
            "bearerAuth": [
              "preview:create"
            ]
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CreatePreviewRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The existing active preview for this port.",
            "links": {
              "GetPreview": {
                "$ref": "#/components/links/PreviewGetPreview"
              },
              "RevokePreview": {
                "$ref": "#/components/links/PreviewRevokePreview"
              }
            },
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "Idempotent-Replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Preview"
                }
              }
            }
          },
          "201": {
            "description": "The new preview.",
            "links": {
              "GetPreview": {
                "$ref": "#/components/links/PreviewGetPreview"
              },
              "RevokePreview": {
                "$ref": "#/components/links/PreviewRevokePreview"
              }
            },
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "Idempotent-Replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Preview"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      },
      "get": {
        "operationId": "listPreviews",
        "summary": "List a sandbox's previews",
        "description": "Active and revoked previews, oldest first.",
        "tags": [
          "Previews"
        ],
        "security": [
          {
            "bearerAuth": [
              "preview:read"
            ]
          }
        ],
        "responses": {
          "200": {
            "description": "The previews.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/PreviewList"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/v1/previews/{previewId}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/PreviewIdPath"
        }
      ],
      "get": {
        "operationId": "getPreview",
        "summary": "Get a preview",
        "tags": [
          "Previews"
        ],
        "security": [
          {
            "bearerAuth": [
              "preview:read"
            ]
          }
        ],
        "responses": {
          "200": {
            "description": "The preview.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Preview"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/v1/previews/{previewId}/revoke": {
      "parameters": [
        {
          "$ref": "#/components/parameters/PreviewIdPath"
        }
      ],
      "post": {
        "operationId": "revokePreview",
        "summary": "Revoke a preview",
        "description": "Idempotent; returns the preview with `revokedAt` set.",
        "tags": [
          "Previews"
        ],
        "security": [
          {
            "bearerAuth": [
              "preview:revoke"
            ]
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "200": {
            "description": "The revoked preview.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "Idempotent-Replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Preview"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/v1/projects": {
      "get": {
        "operationId": "listProjects",
        "summary": "List the projects the key can access",
        "tags": [
          "Projects"
        ],
        "security": [
          {
            "bearerAuth": [
              "project:read"
            ]
          }
        ],
        "responses": {
          "200": {
            "description": "The projects.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ProjectList"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/v1/workspace-runs": {
      "post": {
        "operationId": "createWorkspaceRun",
        "summary": "Create a workspace run",
        "description": "Creates a run in `awaiting_archive`. `template` defaults to\n`python-node`. Requesting `artifacts` needs the scopes\n`artifact:create` and `file:read` as well (403 `forbidden`). A given\n`sandboxId` must be a sandbox the key can see (404 `not_found`), in\nthe run's project (400 `invalid_request`), and running (409\n`sandbox_destroyed`); the run then uses it and its template.\n",
        "tags": [
          "Workspace Runs"
        ],
        "security": [
          {
            "bearerAuth": [
              "workspace_run:create"
            ]
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CreateWorkspaceRunRequest"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The new run.",
            "links": {
              "GetWorkspaceRun": {
                "$ref": "#/components/links/WorkspaceRunGetWorkspaceRun"
              },
              "UploadWorkspaceRunArchive": {
                "$ref": "#/components/links/WorkspaceRunUploadWorkspaceRunArchive"
              },
              "CreateArchiveTransfer": {
                "$ref": "#/components/links/WorkspaceRunCreateArchiveTransfer"
              },
              "FinalizeArchive": {
                "$ref": "#/components/links/WorkspaceRunFinalizeArchive"
              },
              "StartWorkspaceRun": {
                "$ref": "#/components/links/WorkspaceRunStartWorkspaceRun"
              },
              "StreamWorkspaceRunEvents": {
                "$ref": "#/components/links/WorkspaceRunStreamWorkspaceRunEvents"
              },
              "CancelWorkspaceRun": {
                "$ref": "#/components/links/WorkspaceRunCancelWorkspaceRun"
              },
              "GetWorkspaceRunEvidence": {
                "$ref": "#/components/links/WorkspaceRunGetWorkspaceRunEvidence"
              }
            },
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "Idempotent-Replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WorkspaceRun"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      },
      "get": {
        "operationId": "listWorkspaceRuns",
        "summary": "List workspace runs",
        "description": "Runs of the projects the key can see, oldest first, filtered by project, status and metadata (`metadata[key]=value`, every pair must match).",
        "tags": [
          "Workspace Runs"
        ],
        "security": [
          {
            "bearerAuth": [
              "workspace_run:read"
            ]
          }
        ],
        "parameters": [
          {
            "name": "projectId",
            "in": "query",
            "required": false,
            "schema": {
              "$ref": "#/components/schemas/ProjectId"
            }
          },
          {
            "name": "status",
            "in": "query",
            "required": false,
            "schema": {
              "$ref": "#/components/schemas/WorkspaceRunStatus"
            }
          },
          {
            "name": "metadata",
            "in": "query",
            "required": false,
            "style": "deepObject",
            "explode": true,
            "schema": {
              "$ref": "#/components/schemas/Metadata"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The runs.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WorkspaceRunList"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/v1/workspace-runs/{workspaceRunId}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/WorkspaceRunIdPath"
        }
      ],
      "get": {
        "operationId": "getWorkspaceRun",
        "summary": "Get a workspace run",
        "tags": [
          "Workspace Runs"
        ],
        "security": [
          {
            "bearerAuth": [
              "workspace_run:read"
            ]
          }
        ],
        "responses": {
          "200": {
            "description": "The run.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WorkspaceRun"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/v1/workspace-runs/{workspaceRunId}/archive": {
      "parameters": [
        {
          "$ref": "#/components/parameters/WorkspaceRunIdPath"
        }
      ],
      "put": {
        "operationId": "uploadWorkspaceRunArchive",
        "summary": "Upload the run's archive directly",
        "description": "The raw `.tar.gz` bytes, at most 8388608 (413 `archive_too_large`,\nalso when `X-Archive-Size-Bytes` or Content-Length declares more:\nsize limits are 413, never 400).\nThe body must match `X-Archive-Sha256` and `X-Archive-Size-Bytes`\n(422 `checksum_mismatch`) and start with the gzip magic bytes (422\n`invalid_archive`). Moves the run from `awaiting_archive` to `ready`;\nin any other status it is 409 `invalid_state`.\n",
        "tags": [
          "Workspace Runs"
        ],
        "security": [
          {
            "bearerAuth": [
              "workspace_run:create"
            ]
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          },
          {
            "name": "X-Archive-Sha256",
            "in": "header",
            "required": true,
            "schema": {
              "$ref": "#/components/schemas/Sha256"
            }
          },
          {
            "name": "X-Archive-Size-Bytes",
            "in": "header",
            "required": true,
            "schema": {
              "$ref": "#/components/schemas/ArchiveSizeBytes"
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/gzip": {
              "schema": {
                "$ref": "#/components/schemas/ArchiveBytes"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The stored archive and the run.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "Idempotent-Replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WorkspaceRunArchiveResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/v1/workspace-runs/{workspaceRunId}/archive-transfers": {
      "parameters": [
        {
          "$ref": "#/components/parameters/WorkspaceRunIdPath"
        }
      ],
      "post": {
        "operationId": "createArchiveTransfer",
        "summary": "Create a staged upload target for the run's archive",
        "description": "Returns an upload URL valid for 15 minutes. The URL is either on the\nAPI origin (send the API key) or on a storage origin (send no\nAuthorization header: the URL's signature authorises). Clients tell\nthem apart by comparing the URL's origin with the API's. Only for runs\nin `awaiting_archive` (409 `invalid_state`). A `sizeBytes` over\n8388608 is 413 `archive_too_large` (size limits are 413, never 400).\n",
        "tags": [
          "Workspace Runs"
        ],
        "security": [
          {
            "bearerAuth": [
              "workspace_run:create"
            ]
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CreateArchiveTransferRequest"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The transfer target.",
            "links": {
              "UploadArchiveTransfer": {
                "$ref": "#/components/links/TransferUploadArchiveTransfer"
              },
              "FinalizeArchive": {
                "$ref": "#/components/links/TransferFinalizeArchive"
              }
            },
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "Idempotent-Replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WorkspaceRunArchiveTransfer"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/v1/archive-uploads/{uploadId}": {
      "parameters": [
        {
          "name": "uploadId",
          "in": "path",
          "required": true,
          "schema": {
            "$ref": "#/components/schemas/UploadId"
          }
        },
        {
          "name": "token",
          "in": "query",
          "required": true,
          "description": "The URL's signature, as issued in `uploadUrl`.",
          "schema": {
            "type": "string",
            "minLength": 1,
            "maxLength": 512
          }
        }
      ],
      "put": {
        "operationId": "uploadArchiveTransfer",
        "summary": "Upload bytes to a staged transfer target",
        "description": "The target of a transfer's `uploadUrl`. On the API origin the API key\nis required as well as the token; on a storage origin\n(`https://storage.crownest.dev`) the token alone authorises and a\nrequest carrying an Authorization header is 400 `invalid_request`.\nAt most `maxSizeBytes` (413 `archive_too_large`); an expired URL is\n403 `url_expired`; a Content-Type other than `application/gzip` is\n415 `unsupported_media_type`. Uploading again before finalize\nreplaces the bytes.\n",
        "tags": [
          "Transfers"
        ],
        "security": [
          {
            "bearerAuth": [
              "workspace_run:create"
            ]
          },
          {}
        ],
        "servers": [
          {
            "url": "https://api.crownest.dev",
            "description": "Worker-backed target on the API origin (bearer required)"
          },
          {
            "url": "https://storage.crownest.dev",
            "description": "Storage-backed target (signature only)"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/gzip": {
              "schema": {
                "$ref": "#/components/schemas/ArchiveBytes"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The bytes are stored; finalize the transfer next.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ArchiveUploadReceipt"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/v1/workspace-runs/{workspaceRunId}/archive/finalize": {
      "parameters": [
        {
          "$ref": "#/components/parameters/WorkspaceRunIdPath"
        }
      ],
      "post": {
        "operationId": "finalizeArchive",
        "summary": "Verify a staged upload and attach it to the run",
        "description": "Checks the uploaded bytes against `sha256` and `sizeBytes` (and the\nvalues the transfer was created with): 422 `checksum_mismatch`. A\ntransfer with no bytes yet is 409 `invalid_state`. Moves the run from\n`awaiting_archive` to `ready`.\n",
        "tags": [
          "Workspace Runs"
        ],
        "security": [
          {
            "bearerAuth": [
              "workspace_run:create"
            ]
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/FinalizeArchiveRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The attached archive and the run.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "Idempotent-Replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WorkspaceRunArchiveResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/v1/workspace-runs/{workspaceRunId}/start": {
      "parameters": [
        {
          "$ref": "#/components/parameters/WorkspaceRunIdPath"
        }
      ],
      "post": {
        "operationId": "startWorkspaceRun",
        "summary": "Start extraction and the command",
        "description": "Only from `ready` (409 `invalid_state`). Boots a sandbox of the run's\ntemplate (or takes the given one), extracts the archive into\n`/workspace` (an entry escaping it fails the run with\n`path_outside_workspace`; a corrupt archive with `invalid_archive`),\nruns the command there with the run's `timeoutMs`, collects the\nrequested artifacts, persists the evidence bundle, and destroys the\nsandbox unless `keepSandbox`.\n",
        "tags": [
          "Workspace Runs"
        ],
        "security": [
          {
            "bearerAuth": [
              "workspace_run:create"
            ]
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "202": {
            "description": "The run, now `running`.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "Idempotent-Replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WorkspaceRun"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/v1/workspace-runs/{workspaceRunId}/events": {
      "parameters": [
        {
          "$ref": "#/components/parameters/WorkspaceRunIdPath"
        }
      ],
      "get": {
        "operationId": "streamWorkspaceRunEvents",
        "summary": "Stream a run's events over server-sent events",
        "description": "`status`, `archive_progress`, `stdout`, `stderr`, `artifact_collected`\nand `artifact_error` events share one sequence (`id: <seq>`), from the\nrun's creation on; `heartbeat` while quiet; one `terminal` event with\nthe final run, after which the stream ends. A stream opened before the\nrun starts waits for it. See the conventions for resume and\n`stream_gap`.\n",
        "tags": [
          "Workspace Runs"
        ],
        "security": [
          {
            "bearerAuth": [
              "workspace_run:read"
            ]
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/AfterSeq"
          },
          {
            "$ref": "#/components/parameters/LastEventId"
          }
        ],
        "responses": {
          "200": {
            "description": "The event stream.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "text/event-stream": {
                "schema": {
                  "$ref": "#/components/schemas/WorkspaceRunStreamEvent"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/v1/workspace-runs/{workspaceRunId}/cancel": {
      "parameters": [
        {
          "$ref": "#/components/parameters/WorkspaceRunIdPath"
        }
      ],
      "post": {
        "operationId": "cancelWorkspaceRun",
        "summary": "Cancel a workspace run",
        "description": "From `awaiting_archive`, `ready` or `running` the run ends `canceled` (a running command is cancelled gracefully). Idempotent by state: an ended run is returned unchanged.",
        "tags": [
          "Workspace Runs"
        ],
        "security": [
          {
            "bearerAuth": [
              "workspace_run:cancel"
            ]
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "200": {
            "description": "The run after the cancel request.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              },
              "Idempotent-Replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WorkspaceRun"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/v1/workspace-runs/{workspaceRunId}/evidence": {
      "parameters": [
        {
          "$ref": "#/components/parameters/WorkspaceRunIdPath"
        }
      ],
      "get": {
        "operationId": "getWorkspaceRunEvidence",
        "summary": "Get the run's evidence bundle",
        "description": "Durable proof of the run, once it is terminal and the bundle is persisted; before that 409 `evidence_not_ready`.",
        "tags": [
          "Workspace Runs"
        ],
        "security": [
          {
            "bearerAuth": [
              "workspace_run:read"
            ]
          }
        ],
        "responses": {
          "200": {
            "description": "The evidence bundle.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WorkspaceRunEvidenceBundle"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "5XX": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "bearerAuth": {
        "type": "http",
        "scheme": "bearer",
        "description": "`Authorization: Bearer <apiKey>`. Keys carry scopes; each operation\nlists the scopes it needs in its security requirement:\n`sandbox:create`, `sandbox:read`, `sandbox:delete`, `command:run`,\n`command:read`, `file:read`, `file:write`, `artifact:create`,\n`artifact:read`, `artifact:delete`, `preview:create`, `preview:read`,\n`preview:revoke`, `project:read`, `workspace_run:create`,\n`workspace_run:read`, `workspace_run:cancel`.\n"
      }
    },
    "parameters": {
      "IdempotencyKey": {
        "name": "Idempotency-Key",
        "in": "header",
        "required": false,
        "description": "Replays the first response for 24 hours when sent again with the same request; SDKs generate one per call and reuse it on every retry.",
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 255
        }
      },
      "SandboxIdPath": {
        "name": "sandboxId",
        "in": "path",
        "required": true,
        "schema": {
          "$ref": "#/components/schemas/SandboxId"
        }
      },
      "CommandIdPath": {
        "name": "commandId",
        "in": "path",
        "required": true,
        "schema": {
          "$ref": "#/components/schemas/CommandId"
        }
      },
      "ArtifactIdPath": {
        "name": "artifactId",
        "in": "path",
        "required": true,
        "schema": {
          "$ref": "#/components/schemas/ArtifactId"
        }
      },
      "PreviewIdPath": {
        "name": "previewId",
        "in": "path",
        "required": true,
        "schema": {
          "$ref": "#/components/schemas/PreviewId"
        }
      },
      "WorkspaceRunIdPath": {
        "name": "workspaceRunId",
        "in": "path",
        "required": true,
        "schema": {
          "$ref": "#/components/schemas/WorkspaceRunId"
        }
      },
      "SignedToken": {
        "name": "token",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 1024
        }
      },
      "AfterSeq": {
        "name": "afterSeq",
        "in": "query",
        "required": false,
        "description": "Resume after this sequence number.",
        "schema": {
          "type": "integer",
          "minimum": 0
        }
      },
      "LastEventId": {
        "name": "Last-Event-ID",
        "in": "header",
        "required": false,
        "description": "The SSE reconnection header; same meaning as `afterSeq`.",
        "schema": {
          "type": "string",
          "pattern": "^[0-9]+$",
          "maxLength": 20
        }
      }
    },
    "headers": {
      "RequestId": {
        "description": "Identifies the request in the service's logs; quote it in support requests.",
        "schema": {
          "type": "string"
        }
      },
      "IdempotentReplayed": {
        "description": "`true` when the response is the replay of an earlier request with the same Idempotency-Key (stored error responses are replayed too: every 4xx but 401 and the retryable 408 and 429).",
        "schema": {
          "type": "string",
          "enum": [
            "true"
          ]
        }
      },
      "RetryAfter": {
        "description": "Seconds to wait before retrying.",
        "schema": {
          "type": "integer",
          "minimum": 0
        }
      },
      "RetryAfterMs": {
        "description": "Milliseconds to wait before retrying; more precise than Retry-After.",
        "schema": {
          "type": "integer",
          "minimum": 0
        }
      },
      "ContentLength": {
        "description": "The body's size in bytes.",
        "schema": {
          "type": "integer",
          "minimum": 0
        }
      }
    },
    "responses": {
      "BadRequest": {
        "description": "The request is malformed or breaks a rule: `invalid_request`, `reserved_env_key`, `path_outside_workspace`, `sandbox_ttl_exceeded`, `not_a_directory`, `is_a_directory`.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/RequestId"
          },
          "Idempotent-Replayed": {
            "$ref": "#/components/headers/IdempotentReplayed"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "Unauthorized": {
        "description": "Missing or unknown API key: `unauthorized`.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/RequestId"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "Forbidden": {
        "description": "The key lacks a scope (`forbidden`), or a signed URL is expired or forged (`url_expired`, `invalid_signature`).",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/RequestId"
          },
          "Idempotent-Replayed": {
            "$ref": "#/components/headers/IdempotentReplayed"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "NotFound": {
        "description": "No such resource visible to this key: `not_found`.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/RequestId"
          },
          "Idempotent-Replayed": {
            "$ref": "#/components/headers/IdempotentReplayed"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "Conflict": {
        "description": "The resource's state forbids the operation: `invalid_state`, `sandbox_destroyed`, `directory_not_empty`, `already_exists`, `idempotency_key_reused`, `evidence_not_ready`, `stream_gap`.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/RequestId"
          },
          "Idempotent-Replayed": {
            "$ref": "#/components/headers/IdempotentReplayed"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "PayloadTooLarge": {
        "description": "Over a size limit: `file_too_large`, `archive_too_large`, `request_too_large`.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/RequestId"
          },
          "Idempotent-Replayed": {
            "$ref": "#/components/headers/IdempotentReplayed"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "UnsupportedMediaType": {
        "description": "The body's Content-Type is not the one the operation takes: `unsupported_media_type`.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/RequestId"
          },
          "Idempotent-Replayed": {
            "$ref": "#/components/headers/IdempotentReplayed"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "Unprocessable": {
        "description": "Well-formed, but the outcome is a failure: `command_timed_out` (details.command holds the final record), `checksum_mismatch`, `invalid_archive`.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/RequestId"
          },
          "Idempotent-Replayed": {
            "$ref": "#/components/headers/IdempotentReplayed"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "TooManyRequests": {
        "description": "`rate_limited` (with Retry-After / Retry-After-Ms: retry later) or `quota_exceeded` (a plan limit: retrying doesn't help until something is freed).",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/RequestId"
          },
          "Retry-After": {
            "$ref": "#/components/headers/RetryAfter"
          },
          "Retry-After-Ms": {
            "$ref": "#/components/headers/RetryAfterMs"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "ServerError": {
        "description": "The service failed or is unavailable: `internal_error` (500), `service_unavailable` (503, may carry Retry-After / Retry-After-Ms), `upstream_timeout` (504). Safe to retry with the same Idempotency-Key.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/RequestId"
          },
          "Retry-After": {
            "$ref": "#/components/headers/RetryAfter"
          },
          "Retry-After-Ms": {
            "$ref": "#/components/headers/RetryAfterMs"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      }
    },
    "links": {
      "SandboxGetSandbox": {
        "operationId": "getSandbox",
        "description": "`getSandbox` on the new sandbox.",
        "parameters": {
          "sandboxId": "$response.body#/id"
        }
      },
      "SandboxKillSandbox": {
        "operationId": "killSandbox",
        "description": "`killSandbox` on the new sandbox.",
        "parameters": {
          "sandboxId": "$response.body#/id"
        }
      },
      "SandboxRunCommand": {
        "operationId": "runCommand",
        "description": "`runCommand` on the new sandbox.",
        "parameters": {
          "sandboxId": "$response.body#/id"
        }
      },
      "SandboxStartCommand": {
        "operationId": "startCommand",
        "description": "`startCommand` on the new sandbox.",
        "parameters": {
          "sandboxId": "$response.body#/id"
        }
      },
      "SandboxListFiles": {
        "operationId": "listFiles",
        "description": "`listFiles` on the new sandbox.",
        "parameters": {
          "sandboxId": "$response.body#/id"
        }
      },
      "SandboxDeleteFile": {
        "operationId": "deleteFile",
        "description": "`deleteFile` on the new sandbox.",
        "parameters": {
          "sandboxId": "$response.body#/id"
        }
      },
      "SandboxReadFile": {
        "operationId": "readFile",
        "description": "`readFile` on the new sandbox.",
        "parameters": {
          "sandboxId": "$response.body#/id"
        }
      },
      "SandboxWriteFile": {
        "operationId": "writeFile",
        "description": "`writeFile` on the new sandbox.",
        "parameters": {
          "sandboxId": "$response.body#/id"
        }
      },
      "SandboxStatFile": {
        "operationId": "statFile",
        "description": "`statFile` on the new sandbox.",
        "parameters": {
          "sandboxId": "$response.body#/id"
        }
      },
      "SandboxMakeDirectory": {
        "operationId": "makeDirectory",
        "description": "`makeDirectory` on the new sandbox.",
        "parameters": {
          "sandboxId": "$response.body#/id"
        }
      },
      "SandboxMoveFile": {
        "operationId": "moveFile",
        "description": "`moveFile` on the new sandbox.",
        "parameters": {
          "sandboxId": "$response.body#/id"
        }
      },
      "SandboxCreateFileDownloadUrl": {
        "operationId": "createFileDownloadUrl",
        "description": "`createFileDownloadUrl` on the new sandbox.",
        "parameters": {
          "sandboxId": "$response.body#/id"
        }
      },
      "SandboxCreateArtifact": {
        "operationId": "createArtifact",
        "description": "`createArtifact` on the new sandbox.",
        "parameters": {
          "sandboxId": "$response.body#/id"
        }
      },
      "SandboxListArtifacts": {
        "operationId": "listArtifacts",
        "description": "`listArtifacts` on the new sandbox.",
        "parameters": {
          "sandboxId": "$response.body#/id"
        }
      },
      "SandboxCreatePreview": {
        "operationId": "createPreview",
        "description": "`createPreview` on the new sandbox.",
        "parameters": {
          "sandboxId": "$response.body#/id"
        }
      },
      "SandboxListPreviews": {
        "operationId": "listPreviews",
        "description": "`listPreviews` on the new sandbox.",
        "parameters": {
          "sandboxId": "$response.body#/id"
        }
      },
      "CommandGetCommand": {
        "operationId": "getCommand",
        "description": "`getCommand` on the command.",
        "parameters": {
          "commandId": "$response.body#/id"
        }
      },
      "CommandCancelCommand": {
        "operationId": "cancelCommand",
        "description": "`cancelCommand` on the command.",
        "parameters": {
          "commandId": "$response.body#/id"
        }
      },
      "CommandListCommandLogs": {
        "operationId": "listCommandLogs",
        "description": "`listCommandLogs` on the command.",
        "parameters": {
          "commandId": "$response.body#/id"
        }
      },
      "CommandStreamCommandLogs": {
        "operationId": "streamCommandLogs",
        "description": "`streamCommandLogs` on the command.",
        "parameters": {
          "commandId": "$response.body#/id"
        }
      },
      "ArtifactGetArtifact": {
        "operationId": "getArtifact",
        "description": "`getArtifact` on the new artifact.",
        "parameters": {
          "artifactId": "$response.body#/id"
        }
      },
      "ArtifactDeleteArtifact": {
        "operationId": "deleteArtifact",
        "description": "`deleteArtifact` on the new artifact.",
        "parameters": {
          "artifactId": "$response.body#/id"
        }
      },
      "ArtifactDownloadArtifact": {
        "operationId": "downloadArtifact",
        "description": "`downloadArtifact` on the new artifact.",
        "parameters": {
          "artifactId": "$response.body#/id"
        }
      },
      "ArtifactCreateArtifactDownloadUrl": {
        "operationId": "createArtifactDownloadUrl",
        "description": "`createArtifactDownloadUrl` on the new artifact.",
        "parameters": {
          "artifactId": "$response.body#/id"
        }
      },
      "PreviewGetPreview": {
        "operationId": "getPreview",
        "description": "`getPreview` on the preview.",
        "parameters": {
          "previewId": "$response.body#/id"
        }
      },
      "PreviewRevokePreview": {
        "operationId": "revokePreview",
        "description": "`revokePreview` on the preview.",
        "parameters": {
          "previewId": "$response.body#/id"
        }
      },
      "WorkspaceRunGetWorkspaceRun": {
        "operationId": "getWorkspaceRun",
        "description": "`getWorkspaceRun` on the new run.",
        "parameters": {
          "workspaceRunId": "$response.body#/id"
        }
      },
      "WorkspaceRunUploadWorkspaceRunArchive": {
        "operationId": "uploadWorkspaceRunArchive",
        "description": "`uploadWorkspaceRunArchive` on the new run.",
        "parameters": {
          "workspaceRunId": "$response.body#/id"
        }
      },
      "WorkspaceRunCreateArchiveTransfer": {
        "operationId": "createArchiveTransfer",
        "description": "`createArchiveTransfer` on the new run.",
        "parameters": {
          "workspaceRunId": "$response.body#/id"
        }
      },
      "WorkspaceRunFinalizeArchive": {
        "operationId": "finalizeArchive",
        "description": "`finalizeArchive` on the new run.",
        "parameters": {
          "workspaceRunId": "$response.body#/id"
        }
      },
      "WorkspaceRunStartWorkspaceRun": {
        "operationId": "startWorkspaceRun",
        "description": "`startWorkspaceRun` on the new run.",
        "parameters": {
          "workspaceRunId": "$response.body#/id"
        }
      },
      "WorkspaceRunStreamWorkspaceRunEvents": {
        "operationId": "streamWorkspaceRunEvents",
        "description": "`streamWorkspaceRunEvents` on the new run.",
        "parameters": {
          "workspaceRunId": "$response.body#/id"
        }
      },
      "WorkspaceRunCancelWorkspaceRun": {
        "operationId": "cancelWorkspaceRun",
        "description": "`cancelWorkspaceRun` on the new run.",
        "parameters": {
          "workspaceRunId": "$response.body#/id"
        }
      },
      "WorkspaceRunGetWorkspaceRunEvidence": {
        "operationId": "getWorkspaceRunEvidence",
        "description": "`getWorkspaceRunEvidence` on the new run.",
        "parameters": {
          "workspaceRunId": "$response.body#/id"
        }
      },
      "TransferUploadArchiveTransfer": {
        "operationId": "uploadArchiveTransfer",
        "description": "Upload to the new transfer (the token is in `uploadUrl`'s query, which no runtime expression can extract).",
        "parameters": {
          "uploadId": "$response.body#/id"
        }
      },
      "TransferFinalizeArchive": {
        "operationId": "finalizeArchive",
        "description": "Finalize the new transfer with the checksum and size it was created with.",
        "parameters": {
          "workspaceRunId": "$response.body#/workspaceRunId"
        },
        "requestBody": {
          "uploadId": "$response.body#/id",
          "sha256": "$response.body#/sha256",
          "sizeBytes": "$response.body#/sizeBytes"
        }
      }
    },
    "schemas": {
      "OrgId": {
        "type": "string",
        "pattern": "^org_[A-Za-z0-9]{1,64}$"
      },
      "ProjectId": {
        "type": "string",
        "pattern": "^prj_[A-Za-z0-9]{1,64}$"
      },
      "SandboxId": {
        "type": "string",
        "pattern": "^sbx_[A-Za-z0-9]{1,64}$"
      },
      "CommandId": {
        "type": "string",
        "pattern": "^cmd_[A-Za-z0-9]{1,64}$"
      },
      "ArtifactId": {
        "type": "string",
        "pattern": "^art_[A-Za-z0-9]{1,64}$"
      },
      "PreviewId": {
        "type": "string",
        "pattern": "^prv_[A-Za-z0-9]{1,64}$"
      },
      "WorkspaceRunId": {
        "type": "string",
        "pattern": "^wsr_[A-Za-z0-9]{1,64}$"
      },
      "UploadId": {
        "type": "string",
        "pattern": "^upl_[A-Za-z0-9]{1,64}$"
      },
      "TemplateVersionId": {
        "type": "string",
        "pattern": "^tplv_[A-Za-z0-9]{1,64}$"
      },
      "Timestamp": {
        "type": "string",
        "format": "date-time",
        "description": "RFC 3339, UTC, millisecond precision."
      },
      "Metadata": {
        "type": "object",
        "description": "Small string labels; at most 16 keys of 1 to 64 characters, values at most 512 characters.",
        "maxProperties": 16,
        "propertyNames": {
          "minLength": 1,
          "maxLength": 64
        },
        "additionalProperties": {
          "type": "string",
          "maxLength": 512
        }
      },
      "Template": {
        "type": "string",
        "description": "A curated template's slug.",
        "enum": [
          "python",
          "node",
          "python-node",
          "base"
        ]
      },
      "Sha256": {
        "type": "string",
        "description": "Lowercase hex SHA-256 digest.",
        "pattern": "^[0-9a-f]{64}$"
      },
      "ArchiveSizeBytes": {
        "type": "integer",
        "description": "An archive's size; archives are at most 8 MiB. A value over the maximum is 413 `archive_too_large` (`x-too-large`), not 400.",
        "minimum": 1,
        "maximum": 8388608,
        "x-too-large": "archive_too_large"
      },
      "Binary": {
        "type": "string",
        "format": "binary",
        "description": "Raw bytes."
      },
      "ArchiveBytes": {
        "type": "string",
        "format": "binary",
        "minLength": 1,
        "description": "An archive's raw `.tar.gz` bytes. Never empty; an empty body is a missing one (400 `invalid_request`)."
      },
      "WorkspacePath": {
        "type": "string",
        "description": "A path inside `/workspace`: absolute (`/workspace/app/a.txt`) or\nrelative to it (`app/a.txt`). It is normalised; one that leaves\n`/workspace` (`..`, another absolute path, `/workspace2`, percent- or\nbackslash-encoded forms) is 400 `path_outside_workspace`.\n",
        "minLength": 1,
        "maxLength": 4096
      },
      "TimeoutMs": {
        "type": "integer",
        "description": "Maximum runtime in milliseconds.",
        "minimum": 1,
        "maximum": 600000,
        "default": 60000
      },
      "CollectSpec": {
        "type": "object",
        "additionalProperties": false,
        "description": "A file to collect. A relative `path` is resolved against the command's `cwd` (for workspace runs, `/workspace`).",
        "required": [
          "path"
        ],
        "properties": {
          "path": {
            "$ref": "#/components/schemas/WorkspacePath"
          },
          "name": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255,
            "description": "The artifact's name; the file's base name when omitted."
          }
        }
      },
      "ArtifactRef": {
        "type": "object",
        "description": "An artifact made from a file a command or run asked to collect.",
        "required": [
          "artifactId",
          "path",
          "name"
        ],
        "properties": {
          "artifactId": {
            "$ref": "#/components/schemas/ArtifactId"
          },
          "path": {
            "type": "string"
          },
          "name": {
            "type": "string"
          }
        }
      },
      "CollectError": {
        "type": "object",
        "description": "A file that could not be collected.",
        "required": [
          "path",
          "code",
          "message"
        ],
        "properties": {
          "path": {
            "type": "string"
          },
          "name": {
            "type": "string"
          },
          "code": {
            "$ref": "#/components/schemas/ErrorCode"
          },
          "message": {
            "type": "string",
            "minLength": 1
          }
        }
      },
      "ErrorCode": {
        "type": "string",
        "description": "Every error code the service sends. `x-http-status` gives the one\nHTTP status each is sent with; `x-retryable` lists the codes a client\nmay retry (with the same Idempotency-Key).\n",
        "enum": [
          "invalid_request",
          "reserved_env_key",
          "path_outside_workspace",
          "sandbox_ttl_exceeded",
          "not_a_directory",
          "is_a_directory",
          "unauthorized",
          "forbidden",
          "url_expired",
          "invalid_signature",
          "not_found",
          "method_not_allowed",
          "request_timeout",
          "invalid_state",
          "sandbox_destroyed",
          "directory_not_empty",
          "already_exists",
          "idempotency_key_reused",
          "evidence_not_ready",
          "stream_gap",
          "file_too_large",
          "archive_too_large",
          "request_too_large",
          "unsupported_media_type",
          "command_timed_out",
          "checksum_mismatch",
          "invalid_archive",
          "rate_limited",
          "quota_exceeded",
          "internal_error",
          "service_unavailable",
          "upstream_timeout"
        ],
        "x-http-status": {
          "invalid_request": 400,
          "reserved_env_key": 400,
          "path_outside_workspace": 400,
          "sandbox_ttl_exceeded": 400,
          "not_a_directory": 400,
          "is_a_directory": 400,
          "unauthorized": 401,
          "forbidden": 403,
          "url_expired": 403,
          "invalid_signature": 403,
          "not_found": 404,
          "method_not_allowed": 405,
          "request_timeout": 408,
          "invalid_state": 409,
          "sandbox_destroyed": 409,
          "directory_not_empty": 409,
          "already_exists": 409,
          "idempotency_key_reused": 409,
          "evidence_not_ready": 409,
          "stream_gap": 409,
          "file_too_large": 413,
          "archive_too_large": 413,
          "request_too_large": 413,
          "unsupported_media_type": 415,
          "command_timed_out": 422,
          "checksum_mismatch": 422,
          "invalid_archive": 422,
          "rate_limited": 429,
          "quota_exceeded": 429,
          "internal_error": 500,
          "service_unavailable": 503,
          "upstream_timeout": 504
        },
        "x-retryable": [
          "request_timeout",
          "rate_limited",
          "internal_error",
          "service_unavailable",
          "upstream_timeout"
        ]
      },
      "ClientErrorCode": {
        "type": "string",
        "description": "Never sent by the service: the codes SDKs give failures that have no\nHTTP response. `connection_error`: the request could not be sent or the\nconnection dropped; `timeout`: the client's own per-request timeout\nfired; `aborted`: the caller's AbortSignal fired; `invalid_response`:\nthe response could not be parsed (or was a redirect, which clients\nnever follow); `missing_api_key`: no key was configured;\n`invalid_config`: a client option (the base URL, the key, a header)\nis unusable; `permission_denied`: the runtime refused an environment\nread or a connection (Deno without `--allow-env` / `--allow-net`).\nNone of these but `connection_error` is retried.\n",
        "enum": [
          "connection_error",
          "timeout",
          "aborted",
          "invalid_response",
          "missing_api_key",
          "invalid_config",
          "permission_denied"
        ]
      },
      "Error": {
        "type": "object",
        "required": [
          "error"
        ],
        "additionalProperties": false,
        "properties": {
          "error": {
            "type": "object",
            "required": [
              "code",
              "message"
            ],
            "properties": {
              "code": {
                "$ref": "#/components/schemas/ErrorCode"
              },
              "message": {
                "type": "string",
                "minLength": 1,
                "description": "What went wrong, for a person; never empty. Clients branch on `code`, not on this text."
              },
              "details": {
                "type": "object",
                "additionalProperties": true,
                "description": "Code-specific facts, e.g. `command` for `command_timed_out`, `firstAvailableSeq` for `stream_gap`, `limit` for quota and size errors, `issues` for `invalid_request`. `ErrorDetailsByCode` lists them by code."
              }
            }
          }
        }
      },
      "ErrorDetailsByCode": {
        "type": "object",
        "description": "The error envelope's `details`, by error code, for the codes that\ndeclare some (the client codes' too, where SDKs add some). A code not\nlisted may carry details of its own; every details object may hold\nfields not listed here. SDKs type their errors' details from this\ntable.\n",
        "additionalProperties": false,
        "properties": {
          "invalid_request": {
            "type": "object",
            "additionalProperties": true,
            "properties": {
              "issues": {
                "type": "array",
                "description": "What failed validation (at most 20), when a schema did.",
                "items": {
                  "type": "object",
                  "required": [
                    "path",
                    "message"
                  ],
                  "properties": {
                    "path": {
                      "type": "string",
                      "description": "Where in the request the problem is (a JSON pointer)."
                    },
                    "message": {
                      "type": "string"
                    }
                  }
                }
              }
            }
          },
          "sandbox_ttl_exceeded": {
            "type": "object",
            "additionalProperties": true,
            "properties": {
              "limit": {
                "type": "integer",
                "description": "The plan's maximum TTL, in ms."
              }
            }
          },
          "reserved_env_key": {
            "type": "object",
            "additionalProperties": true,
            "properties": {
              "key": {
                "type": "string",
                "description": "The reserved variable's name."
              }
            }
          },
          "path_outside_workspace": {
            "type": "object",
            "additionalProperties": true,
            "properties": {
              "path": {
                "type": "string",
                "description": "The path as given."
              }
            }
          },
          "forbidden": {
            "type": "object",
            "additionalProperties": true,
            "properties": {
              "missingScopes": {
                "type": "array",
                "description": "The scopes the API key lacks for the operation.",
                "items": {
                  "type": "string"
                }
              }
            }
          },
          "url_expired": {
            "type": "object",
            "additionalProperties": true,
            "properties": {
              "expiredAt": {
                "type": "string",
                "format": "date-time"
              }
            }
          },
          "method_not_allowed": {
            "type": "object",
            "additionalProperties": true,
            "properties": {
              "allowed": {
                "type": "array",
                "description": "The methods the path has.",
                "items": {
                  "type": "string"
                }
              }
            }
          },
          "evidence_not_ready": {
            "type": "object",
            "additionalProperties": true,
            "properties": {
              "status": {
                "$ref": "#/components/schemas/WorkspaceRunStatus"
              }
            }
          },
          "stream_gap": {
            "type": "object",
            "additionalProperties": true,
            "required": [
              "requestedAfterSeq",
              "firstAvailableSeq"
            ],
            "properties": {
              "requestedAfterSeq": {
                "type": "integer",
                "description": "The resume point asked for."
              },
              "firstAvailableSeq": {
                "type": "integer",
                "description": "The oldest retained sequence number; read on from just before it."
              }
            }
          },
          "file_too_large": {
            "type": "object",
            "additionalProperties": true,
            "properties": {
              "limit": {
                "type": "integer",
                "description": "The limit that was passed, in bytes."
              },
              "reason": {
                "type": "string",
                "enum": [
                  "file",
                  "workspace"
                ],
                "description": "Which limit, for writes into a sandbox."
              },
              "sizeBytes": {
                "type": "integer",
                "description": "The file's size, when known."
              }
            }
          },
          "archive_too_large": {
            "type": "object",
            "additionalProperties": true,
            "properties": {
              "limit": {
                "type": "integer",
                "description": "The largest archive, in bytes."
              },
              "sizeBytes": {
                "type": "integer",
                "description": "The archive's size, when known."
              }
            }
          },
          "request_too_large": {
            "type": "object",
            "additionalProperties": true,
            "properties": {
              "limit": {
                "type": "integer",
                "description": "The largest body, in bytes."
              }
            }
          },
          "unsupported_media_type": {
            "type": "object",
            "additionalProperties": true,
            "properties": {
              "expected": {
                "type": "string",
                "description": "The media type the operation takes."
              }
            }
          },
          "command_timed_out": {
            "type": "object",
            "additionalProperties": true,
            "required": [
              "command"
            ],
            "properties": {
              "command": {
                "$ref": "#/components/schemas/Command"
              }
            }
          },
          "quota_exceeded": {
            "type": "object",
            "additionalProperties": true,
            "required": [
              "limit"
            ],
            "properties": {
              "limit": {
                "type": "integer",
                "description": "The quota that was reached."
              }
            }
          },
          "invalid_response": {
            "type": "object",
            "additionalProperties": true,
            "properties": {
              "redirectOrigin": {
                "type": "string",
                "description": "Where a redirect pointed (clients follow none)."
              }
            }
          }
        }
      },
      "SandboxStatus": {
        "type": "string",
        "description": "`running` -> `destroyed` (killed, or its TTL expired) | `failed` (it\ncould not boot or crashed). `destroyed` and `failed` are terminal.\n",
        "enum": [
          "running",
          "destroyed",
          "failed"
        ],
        "x-transitions": {
          "running": [
            "destroyed",
            "failed"
          ],
          "destroyed": [],
          "failed": []
        }
      },
      "Sandbox": {
        "type": "object",
        "required": [
          "id",
          "orgId",
          "projectId",
          "template",
          "templateVersionId",
          "status",
          "metadata",
          "ttlMs",
          "createdAt",
          "expiresAt",
          "endedAt",
          "endedReason"
        ],
        "properties": {
          "id": {
            "$ref": "#/components/schemas/SandboxId"
          },
          "orgId": {
            "$ref": "#/components/schemas/OrgId"
          },
          "projectId": {
            "$ref": "#/components/schemas/ProjectId"
          },
          "template": {
            "$ref": "#/components/schemas/Template"
          },
          "templateVersionId": {
            "$ref": "#/components/schemas/TemplateVersionId"
          },
          "status": {
            "$ref": "#/components/schemas/SandboxStatus"
          },
          "metadata": {
            "$ref": "#/components/schemas/Metadata"
          },
          "ttlMs": {
            "type": "integer",
            "description": "The resolved lifetime."
          },
          "createdAt": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "expiresAt": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "endedAt": {
            "description": "When it became `destroyed` or `failed`.",
            "oneOf": [
              {
                "$ref": "#/components/schemas/Timestamp"
              },
              {
                "type": "null"
              }
            ]
          },
          "endedReason": {
            "description": "Why it ended.",
            "oneOf": [
              {
                "type": "string",
                "enum": [
                  "killed",
                  "ttl_expired",
                  "failed"
                ]
              },
              {
                "type": "null"
              }
            ]
          }
        }
      },
      "CreateSandboxRequest": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "template": {
            "allOf": [
              {
                "$ref": "#/components/schemas/Template"
              }
            ],
            "description": "Default `base` (or the template of `templateVersionId`)."
          },
          "templateVersionId": {
            "$ref": "#/components/schemas/TemplateVersionId"
          },
          "ttlMs": {
            "type": "integer",
            "minimum": 1000,
            "description": "Requested lifetime; plan-limited (`sandbox_ttl_exceeded`). Default 300000."
          },
          "metadata": {
            "$ref": "#/components/schemas/Metadata"
          },
          "projectId": {
            "$ref": "#/components/schemas/ProjectId"
          }
        }
      },
      "SandboxList": {
        "type": "object",
        "required": [
          "data"
        ],
        "properties": {
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Sandbox"
            }
          }
        }
      },
      "CommandStatus": {
        "type": "string",
        "description": "`queued` -> `starting` -> `running` -> `exited` (it ended by itself,\nany exit code) | `failed` (it could not start, e.g. `cwd` is missing) |\n`canceled` (cancelCommand) | `timed_out` (past `timeoutMs`: SIGKILL) |\n`killed` (its sandbox was destroyed). A cancel, timeout or kill can\nalso end a `queued` or `starting` command. The last five are terminal.\n",
        "enum": [
          "queued",
          "starting",
          "running",
          "exited",
          "failed",
          "canceled",
          "timed_out",
          "killed"
        ],
        "x-transitions": {
          "queued": [
            "starting",
            "failed",
            "canceled",
            "timed_out",
            "killed"
          ],
          "starting": [
            "running",
            "failed",
            "canceled",
            "timed_out",
            "killed"
          ],
          "running": [
            "exited",
            "failed",
            "canceled",
            "timed_out",
            "killed"
          ],
          "exited": [],
          "failed": [],
          "canceled": [],
          "timed_out": [],
          "killed": []
        }
      },
      "CollectStatus": {
        "type": "string",
        "description": "`not_requested` (no `collect`), `pending` (the command has not ended),\n`skipped` (`collectOn` `success` and a non-zero exit), `succeeded`\n(every file), `partial` (some), `failed` (none).\n",
        "enum": [
          "succeeded",
          "partial",
          "failed",
          "skipped",
          "pending",
          "not_requested"
        ]
      },
      "Command": {
        "type": "object",
        "required": [
          "id",
          "sandboxId",
          "command",
          "cwd",
          "env",
          "status",
          "exitCode",
          "stdout",
          "stderr",
          "stdoutTruncated",
          "stderrTruncated",
          "timeoutMs",
          "createdAt",
          "startedAt",
          "finishedAt",
          "durationMs",
          "collectStatus",
          "collectErrors",
          "collectedArtifacts",
          "cancelMode",
          "canceledAt",
          "cancelReason",
          "killedReason",
          "terminationSignal"
        ],
        "properties": {
          "id": {
            "$ref": "#/components/schemas/CommandId"
          },
          "sandboxId": {
            "$ref": "#/components/schemas/SandboxId"
          },
          "command": {
            "type": "string"
          },
          "cwd": {
            "type": "string"
          },
          "env": {
            "type": "object",
            "description": "The names of the extra variables it was given. Values are ephemeral and never persisted or returned.",
            "additionalProperties": {
              "type": "string",
              "const": "[redacted]"
            }
          },
          "status": {
            "$ref": "#/components/schemas/CommandStatus"
          },
          "exitCode": {
            "description": "The process's exit code; null while it runs, and when it was ended by a signal it did not handle.",
            "oneOf": [
              {
                "type": "integer"
              },
              {
                "type": "null"
              }
            ]
          },
          "stdout": {
            "type": "string",
            "description": "Combined stdout, at most 1 MiB (`stdoutTruncated` when cut; every chunk stays in the logs within the retention window)."
          },
          "stderr": {
            "type": "string",
            "description": "Combined stderr, at most 1 MiB."
          },
          "stdoutTruncated": {
            "type": "boolean"
          },
          "stderrTruncated": {
            "type": "boolean"
          },
          "timeoutMs": {
            "type": "integer"
          },
          "createdAt": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "startedAt": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/Timestamp"
              },
              {
                "type": "null"
              }
            ]
          },
          "finishedAt": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/Timestamp"
              },
              {
                "type": "null"
              }
            ]
          },
          "durationMs": {
            "oneOf": [
              {
                "type": "integer",
                "minimum": 0
              },
              {
                "type": "null"
              }
            ]
          },
          "collectStatus": {
            "$ref": "#/components/schemas/CollectStatus"
          },
          "collectErrors": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/CollectError"
            }
          },
          "collectedArtifacts": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/ArtifactRef"
            }
          },
          "cancelMode": {
            "oneOf": [
              {
                "type": "string",
                "enum": [
                  "graceful",
                  "force"
                ]
              },
              {
                "type": "null"
              }
            ]
          },
          "canceledAt": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/Timestamp"
              },
              {
                "type": "null"
              }
            ]
          },
          "cancelReason": {
            "description": "Why it was canceled, set with `canceledAt`. `requested`, by cancelCommand; `service_restarted`, it was unfinished when the service restarted (crownest-fake restored from its state file), and ended with it.",
            "oneOf": [
              {
                "type": "string",
                "enum": [
                  "requested",
                  "service_restarted"
                ]
              },
              {
                "type": "null"
              }
            ]
          },
          "killedReason": {
            "oneOf": [
              {
                "type": "string",
                "enum": [
                  "sandbox_destroyed"
                ]
              },
              {
                "type": "null"
              }
            ]
          },
          "terminationSignal": {
            "oneOf": [
              {
                "type": "string",
                "enum": [
                  "SIGTERM",
                  "SIGKILL"
                ]
              },
              {
                "type": "null"
              }
            ]
          }
        }
      },
      "CommandEnv": {
        "type": "object",
        "description": "Extra environment variables; keys match `^[A-Za-z_][A-Za-z0-9_]*$`, and keys starting with `CROWNEST` in any case (`crownest_x` too) are 400 `reserved_env_key`. At most 64 keys.",
        "maxProperties": 64,
        "propertyNames": {
          "pattern": "^[A-Za-z_][A-Za-z0-9_]*$",
          "maxLength": 256
        },
        "additionalProperties": {
          "type": "string",
          "maxLength": 32768
        }
      },
      "StartCommandRequest": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "command"
        ],
        "properties": {
          "command": {
            "type": "string",
            "minLength": 1,
            "maxLength": 65536
          },
          "cwd": {
            "$ref": "#/components/schemas/WorkspacePath"
          },
          "env": {
            "$ref": "#/components/schemas/CommandEnv"
          },
          "timeoutMs": {
            "$ref": "#/components/schemas/TimeoutMs"
          }
        }
      },
      "RunCommandRequest": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "command"
        ],
        "properties": {
          "command": {
            "type": "string",
            "minLength": 1,
            "maxLength": 65536
          },
          "cwd": {
            "$ref": "#/components/schemas/WorkspacePath"
          },
          "env": {
            "$ref": "#/components/schemas/CommandEnv"
          },
          "timeoutMs": {
            "$ref": "#/components/schemas/TimeoutMs"
          },
          "collect": {
            "type": "array",
            "maxItems": 32,
            "items": {
              "$ref": "#/components/schemas/CollectSpec"
            }
          },
          "collectOn": {
            "type": "string",
            "enum": [
              "success",
              "always"
            ],
            "default": "success"
          },
          "waitMs": {
            "type": "integer",
            "minimum": 0,
            "description": "How long to wait for the end before answering 202 with the\nrunning record; default, and at most, `x-limits.runWaitMs`. 0\nanswers 202 at once: follow the command on streamCommandLogs for\nits output as it comes (its `terminal` event carries the final\nrecord, as after any 202).\n"
          }
        }
      },
      "CancelCommandRequest": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "mode": {
            "type": "string",
            "enum": [
              "graceful",
              "force"
            ],
            "default": "graceful"
          }
        }
      },
      "LogStream": {
        "type": "string",
        "enum": [
          "stdout",
          "stderr"
        ]
      },
      "CommandLogChunk": {
        "type": "object",
        "required": [
          "commandId",
          "createdAt",
          "data",
          "seq",
          "stream"
        ],
        "properties": {
          "commandId": {
            "$ref": "#/components/schemas/CommandId"
          },
          "createdAt": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "data": {
            "type": "string",
            "maxLength": 16384
          },
          "seq": {
            "type": "integer",
            "minimum": 1,
            "description": "1, 2, 3, ... per command, with no gaps."
          },
          "stream": {
            "$ref": "#/components/schemas/LogStream"
          }
        }
      },
      "CommandLogChunkList": {
        "type": "object",
        "required": [
          "data",
          "hasMore",
          "nextAfterSeq"
        ],
        "properties": {
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/CommandLogChunk"
            }
          },
          "hasMore": {
            "type": "boolean",
            "description": "More chunks are stored after this page (a running command may still add more when it is false)."
          },
          "nextAfterSeq": {
            "type": "integer",
            "minimum": 0,
            "description": "The `afterSeq` of the next page; the last chunk's `seq`, or the request's `afterSeq` (0 when none) for an empty page."
          }
        }
      },
      "CommandLogEvent": {
        "type": "object",
        "required": [
          "type",
          "stream",
          "data",
          "seq",
          "createdAt"
        ],
        "properties": {
          "type": {
            "type": "string",
            "const": "log"
          },
          "stream": {
            "$ref": "#/components/schemas/LogStream"
          },
          "data": {
            "type": "string",
            "maxLength": 16384
          },
          "seq": {
            "type": "integer",
            "minimum": 1
          },
          "createdAt": {
            "$ref": "#/components/schemas/Timestamp"
          }
        }
      },
      "HeartbeatEvent": {
        "type": "object",
        "required": [
          "type"
        ],
        "properties": {
          "type": {
            "type": "string",
            "const": "heartbeat"
          }
        }
      },
      "CommandTerminalEvent": {
        "type": "object",
        "required": [
          "type",
          "command"
        ],
        "properties": {
          "type": {
            "type": "string",
            "const": "terminal"
          },
          "command": {
            "$ref": "#/components/schemas/Command"
          }
        }
      },
      "StreamErrorEvent": {
        "type": "object",
        "required": [
          "type",
          "code",
          "message"
        ],
        "properties": {
          "type": {
            "type": "string",
            "const": "error"
          },
          "code": {
            "$ref": "#/components/schemas/ErrorCode"
          },
          "message": {
            "type": "string",
            "minLength": 1
          },
          "details": {
            "type": "object",
            "additionalProperties": true
          }
        }
      },
      "CommandLogStreamEvent": {
        "description": "One server-sent event of streamCommandLogs (its `data:` JSON).",
        "oneOf": [
          {
            "$ref": "#/components/schemas/CommandLogEvent"
          },
          {
            "$ref": "#/components/schemas/HeartbeatEvent"
          },
          {
            "$ref": "#/components/schemas/CommandTerminalEvent"
          },
          {
            "$ref": "#/components/schemas/StreamErrorEvent"
          }
        ],
        "discriminator": {
          "propertyName": "type",
          "mapping": {
            "log": "#/components/schemas/CommandLogEvent",
            "heartbeat": "#/components/schemas/HeartbeatEvent",
            "terminal": "#/components/schemas/CommandTerminalEvent",
            "error": "#/components/schemas/StreamErrorEvent"
          }
        }
      },
      "FileEncoding": {
        "type": "string",
        "enum": [
          "utf8",
          "base64"
        ],
        "default": "utf8"
      },
      "FileStat": {
        "type": "object",
        "required": [
          "path",
          "name",
          "type",
          "sizeBytes",
          "modifiedAt"
        ],
        "properties": {
          "path": {
            "type": "string",
            "description": "Absolute, normalised path under /workspace."
          },
          "name": {
            "type": "string"
          },
          "type": {
            "type": "string",
            "enum": [
              "file",
              "directory"
            ]
          },
          "sizeBytes": {
            "type": "integer",
            "minimum": 0,
            "description": "The file's size; 0 for directories."
          },
          "modifiedAt": {
            "$ref": "#/components/schemas/Timestamp"
          }
        }
      },
      "FileStatList": {
        "type": "object",
        "required": [
          "data"
        ],
        "properties": {
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/FileStat"
            }
          }
        }
      },
      "FileContent": {
        "type": "object",
        "required": [
          "path",
          "content",
          "encoding",
          "sizeBytes"
        ],
        "properties": {
          "path": {
            "type": "string"
          },
          "content": {
            "type": "string"
          },
          "encoding": {
            "$ref": "#/components/schemas/FileEncoding"
          },
          "sizeBytes": {
            "type": "integer",
            "minimum": 0,
            "maximum": 262144
          }
        }
      },
      "WriteFileRequest": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "path",
          "content"
        ],
        "properties": {
          "path": {
            "$ref": "#/components/schemas/WorkspacePath"
          },
          "content": {
            "type": "string",
            "description": "At most 262144 bytes once decoded.",
            "maxLength": 349528
          },
          "encoding": {
            "$ref": "#/components/schemas/FileEncoding"
          },
          "createParents": {
            "type": "boolean",
            "default": false
          },
          "overwrite": {
            "type": "boolean",
            "default": true
          }
        },
        "if": {
          "required": [
            "encoding"
          ],
          "properties": {
            "encoding": {
              "const": "base64"
            }
          }
        },
        "then": {
          "properties": {
            "content": {
              "description": "Standard base64, padded or not; no whitespace.",
              "pattern": "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2,3}|[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"
            }
          }
        }
      },
      "MakeDirectoryRequest": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "path"
        ],
        "properties": {
          "path": {
            "$ref": "#/components/schemas/WorkspacePath"
          },
          "parents": {
            "type": "boolean",
            "default": false
          }
        }
      },
      "MoveFileRequest": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "fromPath",
          "toPath"
        ],
        "properties": {
          "fromPath": {
            "$ref": "#/components/schemas/WorkspacePath"
          },
          "toPath": {
            "$ref": "#/components/schemas/WorkspacePath"
          },
          "overwrite": {
            "type": "boolean",
            "default": false
          }
        }
      },
      "FileDownloadUrlRequest": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "path"
        ],
        "properties": {
          "path": {
            "$ref": "#/components/schemas/WorkspacePath"
          }
        }
      },
      "DownloadUrl": {
        "type": "object",
        "required": [
          "url",
          "method",
          "headers",
          "authMode",
          "expiresAt"
        ],
        "properties": {
          "url": {
            "type": "string",
            "format": "uri"
          },
          "method": {
            "type": "string",
            "const": "GET"
          },
          "headers": {
            "type": "object",
            "description": "Headers to send with the request (besides Authorization for `api_key`).",
            "additionalProperties": {
              "type": "string"
            }
          },
          "authMode": {
            "type": "string",
            "enum": [
              "api_key",
              "none"
            ],
            "description": "`api_key`: send the API key as bearer; `none`: send no Authorization header."
          },
          "expiresAt": {
            "$ref": "#/components/schemas/Timestamp"
          }
        }
      },
      "Artifact": {
        "type": "object",
        "required": [
          "id",
          "sandboxId",
          "projectId",
          "path",
          "name",
          "sizeBytes",
          "sha256",
          "contentType",
          "createdAt",
          "deletedAt",
          "commandId",
          "workspaceRunId"
        ],
        "properties": {
          "id": {
            "$ref": "#/components/schemas/ArtifactId"
          },
          "sandboxId": {
            "$ref": "#/components/schemas/SandboxId"
          },
          "projectId": {
            "$ref": "#/components/schemas/ProjectId"
          },
          "path": {
            "type": "string",
            "description": "The source path inside /workspace."
          },
          "name": {
            "type": "string"
          },
          "sizeBytes": {
            "type": "integer",
            "minimum": 0
          },
          "sha256": {
            "$ref": "#/components/schemas/Sha256"
          },
          "contentType": {
            "type": "string"
          },
          "createdAt": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "deletedAt": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/Timestamp"
              },
              {
                "type": "null"
              }
            ]
          },
          "commandId": {
            "description": "The command whose `collect` made it.",
            "oneOf": [
              {
                "$ref": "#/components/schemas/CommandId"
              },
              {
                "type": "null"
              }
            ]
          },
          "workspaceRunId": {
            "description": "The workspace run that collected it.",
            "oneOf": [
              {
                "$ref": "#/components/schemas/WorkspaceRunId"
              },
              {
                "type": "null"
              }
            ]
          }
        }
      },
      "CreateArtifactRequest": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "path"
        ],
        "properties": {
          "path": {
            "$ref": "#/components/schemas/WorkspacePath"
          },
          "name": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255
          }
        }
      },
      "ArtifactList": {
        "type": "object",
        "required": [
          "data"
        ],
        "properties": {
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Artifact"
            }
          }
        }
      },
      "Preview": {
        "type": "object",
        "required": [
          "id",
          "sandboxId",
          "port",
          "authMode",
          "url",
          "status",
          "createdAt",
          "revokedAt"
        ],
        "properties": {
          "id": {
            "$ref": "#/components/schemas/PreviewId"
          },
          "sandboxId": {
            "$ref": "#/components/schemas/SandboxId"
          },
          "port": {
            "type": "integer",
            "minimum": 1,
            "maximum": 65535
          },
          "authMode": {
            "type": "string",
            "const": "authenticated"
          },
          "url": {
            "type": "string",
            "format": "uri",
            "description": "Like `https://p-a1b2c3.preview.crownest.dev`."
          },
          "status": {
            "type": "string",
            "enum": [
              "active",
              "revoked"
            ],
            "description": "`active` -> `revoked` (revokePreview, or its sandbox ended)."
          },
          "createdAt": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "revokedAt": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/Timestamp"
              },
              {
                "type": "null"
              }
            ]
          }
        }
      },
      "CreatePreviewRequest": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "port"
        ],
        "properties": {
          "port": {
            "type": "integer",
            "minimum": 1,
            "maximum": 65535
          },
          "authMode": {
            "type": "string",
            "const": "authenticated",
            "default": "authenticated",
            "description": "Only `authenticated` in v1."
          }
        }
      },
      "PreviewList": {
        "type": "object",
        "required": [
          "data"
        ],
        "properties": {
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Preview"
            }
          }
        }
      },
      "Project": {
        "type": "object",
        "required": [
          "id",
          "orgId",
          "name",
          "createdAt"
        ],
        "properties": {
          "id": {
            "$ref": "#/components/schemas/ProjectId"
          },
          "orgId": {
            "$ref": "#/components/schemas/OrgId"
          },
          "name": {
            "type": "string"
          },
          "createdAt": {
            "$ref": "#/components/schemas/Timestamp"
          }
        }
      },
      "ProjectList": {
        "type": "object",
        "required": [
          "data"
        ],
        "properties": {
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Project"
            }
          }
        }
      },
      "WorkspaceRunStatus": {
        "type": "string",
        "description": "`awaiting_archive` -> `ready` (archive uploaded or finalized) ->\n`running` (startWorkspaceRun) -> `succeeded` (exit code 0) | `failed`\n(non-zero exit, extraction failure, or its sandbox ended) | `canceled`\n| `timed_out`. `awaiting_archive` and `ready` can also go straight to\n`canceled`. The last four are terminal.\n",
        "enum": [
          "awaiting_archive",
          "ready",
          "running",
          "succeeded",
          "failed",
          "canceled",
          "timed_out"
        ],
        "x-transitions": {
          "awaiting_archive": [
            "ready",
            "canceled"
          ],
          "ready": [
            "running",
            "canceled"
          ],
          "running": [
            "succeeded",
            "failed",
            "canceled",
            "timed_out"
          ],
          "succeeded": [],
          "failed": [],
          "canceled": [],
          "timed_out": []
        }
      },
      "WorkspaceRunArchive": {
        "type": "object",
        "required": [
          "sha256",
          "sizeBytes",
          "source",
          "uploadId",
          "uploadedAt",
          "extractedFiles"
        ],
        "properties": {
          "sha256": {
            "$ref": "#/components/schemas/Sha256"
          },
          "sizeBytes": {
            "$ref": "#/components/schemas/ArchiveSizeBytes"
          },
          "source": {
            "type": "string",
            "enum": [
              "direct",
              "transfer"
            ]
          },
          "uploadId": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/UploadId"
              },
              {
                "type": "null"
              }
            ]
          },
          "uploadedAt": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "extractedFiles": {
            "description": "Regular files extracted; null before extraction.",
            "oneOf": [
              {
                "type": "integer",
                "minimum": 0
              },
              {
                "type": "null"
              }
            ]
          }
        }
      },
      "WorkspaceRun": {
        "type": "object",
        "required": [
          "id",
          "orgId",
          "projectId",
          "status",
          "command",
          "template",
          "templateVersionId",
          "sandboxId",
          "keepSandbox",
          "timeoutMs",
          "metadata",
          "sourceMetadata",
          "artifacts",
          "archive",
          "exitCode",
          "error",
          "stdoutBytes",
          "stderrBytes",
          "collectedArtifacts",
          "createdAt",
          "startedAt",
          "finishedAt",
          "durationMs"
        ],
        "properties": {
          "id": {
            "$ref": "#/components/schemas/WorkspaceRunId"
          },
          "orgId": {
            "$ref": "#/components/schemas/OrgId"
          },
          "projectId": {
            "$ref": "#/components/schemas/ProjectId"
          },
          "status": {
            "$ref": "#/components/schemas/WorkspaceRunStatus"
          },
          "command": {
            "type": "string"
          },
          "template": {
            "$ref": "#/components/schemas/Template"
          },
          "templateVersionId": {
            "$ref": "#/components/schemas/TemplateVersionId"
          },
          "sandboxId": {
            "description": "The sandbox it runs in; null until started (unless one was given).",
            "oneOf": [
              {
                "$ref": "#/components/schemas/SandboxId"
              },
              {
                "type": "null"
              }
            ]
          },
          "keepSandbox": {
            "type": "boolean"
          },
          "timeoutMs": {
            "type": "integer"
          },
          "metadata": {
            "$ref": "#/components/schemas/Metadata"
          },
          "sourceMetadata": {
            "$ref": "#/components/schemas/Metadata"
          },
          "artifacts": {
            "type": "array",
            "description": "The files requested for collection.",
            "items": {
              "$ref": "#/components/schemas/CollectSpec"
            }
          },
          "archive": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/WorkspaceRunArchive"
              },
              {
                "type": "null"
              }
            ]
          },
          "exitCode": {
            "oneOf": [
              {
                "type": "integer"
              },
              {
                "type": "null"
              }
            ]
          },
          "error": {
            "description": "Why a run failed without an exit code of its own (extraction, sandbox loss).",
            "oneOf": [
              {
                "type": "object",
                "required": [
                  "code",
                  "message"
                ],
                "properties": {
                  "code": {
                    "$ref": "#/components/schemas/ErrorCode"
                  },
                  "message": {
                    "type": "string",
                    "minLength": 1
                  }
                }
              },
              {
                "type": "null"
              }
            ]
          },
          "stdoutBytes": {
            "type": "integer",
            "minimum": 0
          },
          "stderrBytes": {
            "type": "integer",
            "minimum": 0
          },
          "collectedArtifacts": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/ArtifactRef"
            }
          },
          "createdAt": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "startedAt": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/Timestamp"
              },
              {
                "type": "null"
              }
            ]
          },
          "finishedAt": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/Timestamp"
              },
              {
                "type": "null"
              }
            ]
          },
          "durationMs": {
            "oneOf": [
              {
                "type": "integer",
                "minimum": 0
              },
              {
                "type": "null"
              }
            ]
          }
        }
      },
      "CreateWorkspaceRunRequest": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "command"
        ],
        "properties": {
          "command": {
            "type": "string",
            "minLength": 1,
            "maxLength": 65536,
            "description": "Shell command to run in /workspace after extraction."
          },
          "projectId": {
            "$ref": "#/components/schemas/ProjectId"
          },
          "template": {
            "allOf": [
              {
                "$ref": "#/components/schemas/Template"
              }
            ],
            "default": "python-node"
          },
          "templateVersionId": {
            "$ref": "#/components/schemas/TemplateVersionId"
          },
          "sandboxId": {
            "$ref": "#/components/schemas/SandboxId"
          },
          "keepSandbox": {
            "type": "boolean",
            "default": false
          },
          "timeoutMs": {
            "$ref": "#/components/schemas/TimeoutMs"
          },
          "metadata": {
            "$ref": "#/components/schemas/Metadata"
          },
          "sourceMetadata": {
            "$ref": "#/components/schemas/Metadata"
          },
          "artifacts": {
            "type": "array",
            "maxItems": 32,
            "description": "Explicit relative paths to collect after the command ends.",
            "items": {
              "$ref": "#/components/schemas/CollectSpec"
            }
          }
        }
      },
      "WorkspaceRunList": {
        "type": "object",
        "required": [
          "data"
        ],
        "properties": {
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/WorkspaceRun"
            }
          }
        }
      },
      "WorkspaceRunArchiveResult": {
        "type": "object",
        "required": [
          "archive",
          "workspaceRun"
        ],
        "properties": {
          "archive": {
            "$ref": "#/components/schemas/WorkspaceRunArchive"
          },
          "workspaceRun": {
            "$ref": "#/components/schemas/WorkspaceRun"
          }
        }
      },
      "CreateArchiveTransferRequest": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "sha256",
          "sizeBytes"
        ],
        "properties": {
          "sha256": {
            "$ref": "#/components/schemas/Sha256"
          },
          "sizeBytes": {
            "$ref": "#/components/schemas/ArchiveSizeBytes"
          }
        }
      },
      "WorkspaceRunArchiveTransfer": {
        "type": "object",
        "required": [
          "id",
          "workspaceRunId",
          "uploadUrl",
          "method",
          "headers",
          "expiresAt",
          "maxSizeBytes",
          "sha256",
          "sizeBytes"
        ],
        "properties": {
          "id": {
            "$ref": "#/components/schemas/UploadId"
          },
          "workspaceRunId": {
            "$ref": "#/components/schemas/WorkspaceRunId"
          },
          "uploadUrl": {
            "type": "string",
            "format": "uri"
          },
          "method": {
            "type": "string",
            "const": "PUT"
          },
          "headers": {
            "type": "object",
            "description": "Headers to send with the upload (e.g. Content-Type).",
            "additionalProperties": {
              "type": "string"
            }
          },
          "expiresAt": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "maxSizeBytes": {
            "type": "integer",
            "const": 8388608
          },
          "sha256": {
            "$ref": "#/components/schemas/Sha256"
          },
          "sizeBytes": {
            "$ref": "#/components/schemas/ArchiveSizeBytes"
          }
        }
      },
      "ArchiveUploadReceipt": {
        "type": "object",
        "required": [
          "uploadId",
          "sizeBytes",
          "sha256"
        ],
        "properties": {
          "uploadId": {
            "$ref": "#/components/schemas/UploadId"
          },
          "sizeBytes": {
            "type": "integer",
            "minimum": 0
          },
          "sha256": {
            "$ref": "#/components/schemas/Sha256"
          }
        }
      },
      "FinalizeArchiveRequest": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "uploadId",
          "sha256",
          "sizeBytes"
        ],
        "properties": {
          "uploadId": {
            "$ref": "#/components/schemas/UploadId"
          },
          "sha256": {
            "$ref": "#/components/schemas/Sha256"
          },
          "sizeBytes": {
            "$ref": "#/components/schemas/ArchiveSizeBytes"
          }
        }
      },
      "WorkspaceRunStatusEvent": {
        "type": "object",
        "required": [
          "type",
          "seq",
          "status",
          "createdAt"
        ],
        "properties": {
          "type": {
            "type": "string",
            "const": "status"
          },
          "seq": {
            "type": "integer",
            "minimum": 1
          },
          "status": {
            "$ref": "#/components/schemas/WorkspaceRunStatus"
          },
          "createdAt": {
            "$ref": "#/components/schemas/Timestamp"
          }
        }
      },
      "WorkspaceRunArchiveProgressEvent": {
        "type": "object",
        "required": [
          "type",
          "seq",
          "phase",
          "bytesProcessed",
          "totalBytes",
          "filesExtracted",
          "createdAt"
        ],
        "properties": {
          "type": {
            "type": "string",
            "const": "archive_progress"
          },
          "seq": {
            "type": "integer",
            "minimum": 1
          },
          "phase": {
            "type": "string",
            "enum": [
              "verifying",
              "extracting",
              "extracted"
            ]
          },
          "bytesProcessed": {
            "type": "integer",
            "minimum": 0,
            "description": "Compressed archive bytes consumed so far."
          },
          "totalBytes": {
            "type": "integer",
            "minimum": 0
          },
          "filesExtracted": {
            "type": "integer",
            "minimum": 0
          },
          "createdAt": {
            "$ref": "#/components/schemas/Timestamp"
          }
        }
      },
      "WorkspaceRunOutputEvent": {
        "type": "object",
        "required": [
          "type",
          "seq",
          "data",
          "createdAt"
        ],
        "properties": {
          "type": {
            "type": "string",
            "enum": [
              "stdout",
              "stderr"
            ]
          },
          "seq": {
            "type": "integer",
            "minimum": 1
          },
          "data": {
            "type": "string"
          },
          "createdAt": {
            "$ref": "#/components/schemas/Timestamp"
          }
        }
      },
      "WorkspaceRunArtifactCollectedEvent": {
        "type": "object",
        "required": [
          "type",
          "seq",
          "artifact",
          "createdAt"
        ],
        "properties": {
          "type": {
            "type": "string",
            "const": "artifact_collected"
          },
          "seq": {
            "type": "integer",
            "minimum": 1
          },
          "artifact": {
            "$ref": "#/components/schemas/ArtifactRef"
          },
          "createdAt": {
            "$ref": "#/components/schemas/Timestamp"
          }
        }
      },
      "WorkspaceRunArtifactErrorEvent": {
        "type": "object",
        "required": [
          "type",
          "seq",
          "path",
          "code",
          "message",
          "createdAt"
        ],
        "properties": {
          "type": {
            "type": "string",
            "const": "artifact_error"
          },
          "seq": {
            "type": "integer",
            "minimum": 1
          },
          "path": {
            "type": "string"
          },
          "name": {
            "type": "string"
          },
          "code": {
            "$ref": "#/components/schemas/ErrorCode"
          },
          "message": {
            "type": "string",
            "minLength": 1
          },
          "createdAt": {
            "$ref": "#/components/schemas/Timestamp"
          }
        }
      },
      "WorkspaceRunTerminalEvent": {
        "type": "object",
        "required": [
          "type",
          "workspaceRun"
        ],
        "properties": {
          "type": {
            "type": "string",
            "const": "terminal"
          },
          "workspaceRun": {
            "$ref": "#/components/schemas/WorkspaceRun"
          }
        }
      },
      "WorkspaceRunStreamEvent": {
        "description": "One server-sent event of streamWorkspaceRunEvents (its `data:` JSON).",
        "oneOf": [
          {
            "$ref": "#/components/schemas/WorkspaceRunStatusEvent"
          },
          {
            "$ref": "#/components/schemas/WorkspaceRunArchiveProgressEvent"
          },
          {
            "$ref": "#/components/schemas/WorkspaceRunOutputEvent"
          },
          {
            "$ref": "#/components/schemas/WorkspaceRunArtifactCollectedEvent"
          },
          {
            "$ref": "#/components/schemas/WorkspaceRunArtifactErrorEvent"
          },
          {
            "$ref": "#/components/schemas/HeartbeatEvent"
          },
          {
            "$ref": "#/components/schemas/WorkspaceRunTerminalEvent"
          },
          {
            "$ref": "#/components/schemas/StreamErrorEvent"
          }
        ],
        "discriminator": {
          "propertyName": "type",
          "mapping": {
            "status": "#/components/schemas/WorkspaceRunStatusEvent",
            "archive_progress": "#/components/schemas/WorkspaceRunArchiveProgressEvent",
            "stdout": "#/components/schemas/WorkspaceRunOutputEvent",
            "stderr": "#/components/schemas/WorkspaceRunOutputEvent",
            "artifact_collected": "#/components/schemas/WorkspaceRunArtifactCollectedEvent",
            "artifact_error": "#/components/schemas/WorkspaceRunArtifactErrorEvent",
            "heartbeat": "#/components/schemas/HeartbeatEvent",
            "terminal": "#/components/schemas/WorkspaceRunTerminalEvent",
            "error": "#/components/schemas/StreamErrorEvent"
          }
        }
      },
      "OutputDigest": {
        "type": "object",
        "required": [
          "sizeBytes",
          "sha256"
        ],
        "properties": {
          "sizeBytes": {
            "type": "integer",
            "minimum": 0
          },
          "sha256": {
            "$ref": "#/components/schemas/Sha256"
          }
        }
      },
      "WorkspaceRunEvidenceBundle": {
        "type": "object",
        "description": "Durable proof of a terminal run. `digest` is the SHA-256 of the\nbundle without its `digest` field, serialised as RFC 8785 canonical\nJSON (object keys sorted by UTF-16 code units at every level, no\ninsignificant whitespace, ECMAScript number formatting), so anyone\ncan recompute it.\n",
        "required": [
          "workspaceRunId",
          "projectId",
          "status",
          "exitCode",
          "error",
          "command",
          "template",
          "templateVersionId",
          "archive",
          "metadata",
          "sourceMetadata",
          "timings",
          "outputs",
          "artifacts",
          "artifactErrors",
          "persistedAt",
          "digest"
        ],
        "properties": {
          "workspaceRunId": {
            "$ref": "#/components/schemas/WorkspaceRunId"
          },
          "projectId": {
            "$ref": "#/components/schemas/ProjectId"
          },
          "status": {
            "$ref": "#/components/schemas/WorkspaceRunStatus"
          },
          "exitCode": {
            "oneOf": [
              {
                "type": "integer"
              },
              {
                "type": "null"
              }
            ]
          },
          "error": {
            "oneOf": [
              {
                "type": "object",
                "required": [
                  "code",
                  "message"
                ],
                "properties": {
                  "code": {
                    "$ref": "#/components/schemas/ErrorCode"
                  },
                  "message": {
                    "type": "string",
                    "minLength": 1
                  }
                }
              },
              {
                "type": "null"
              }
            ]
          },
          "command": {
            "type": "string"
          },
          "template": {
            "$ref": "#/components/schemas/Template"
          },
          "templateVersionId": {
            "$ref": "#/components/schemas/TemplateVersionId"
          },
          "archive": {
            "description": "The archive the run executed; null when it was canceled before one was attached.",
            "oneOf": [
              {
                "type": "object",
                "required": [
                  "sha256",
                  "sizeBytes"
                ],
                "properties": {
                  "sha256": {
                    "$ref": "#/components/schemas/Sha256"
                  },
                  "sizeBytes": {
                    "$ref": "#/components/schemas/ArchiveSizeBytes"
                  }
                }
              },
              {
                "type": "null"
              }
            ]
          },
          "metadata": {
            "$ref": "#/components/schemas/Metadata"
          },
          "sourceMetadata": {
            "$ref": "#/components/schemas/Metadata"
          },
          "timings": {
            "type": "object",
            "required": [
              "createdAt",
              "startedAt",
              "finishedAt",
              "durationMs"
            ],
            "properties": {
              "createdAt": {
                "$ref": "#/components/schemas/Timestamp"
              },
              "startedAt": {
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/Timestamp"
                  },
                  {
                    "type": "null"
                  }
                ]
              },
              "finishedAt": {
                "$ref": "#/components/schemas/Timestamp"
              },
              "durationMs": {
                "oneOf": [
                  {
                    "type": "integer",
                    "minimum": 0
                  },
                  {
                    "type": "null"
                  }
                ]
              }
            }
          },
          "outputs": {
            "type": "object",
            "required": [
              "stdout",
              "stderr"
            ],
            "properties": {
              "stdout": {
                "$ref": "#/components/schemas/OutputDigest"
              },
              "stderr": {
                "$ref": "#/components/schemas/OutputDigest"
              }
            }
          },
          "artifacts": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "artifactId",
                "path",
                "name",
                "sizeBytes",
                "sha256"
              ],
              "properties": {
                "artifactId": {
                  "$ref": "#/components/schemas/ArtifactId"
                },
                "path": {
                  "type": "string"
                },
                "name": {
                  "type": "string"
                },
                "sizeBytes": {
                  "type": "integer",
                  "minimum": 0
                },
                "sha256": {
                  "$ref": "#/components/schemas/Sha256"
                }
              }
            }
          },
          "artifactErrors": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/CollectError"
            }
          },
          "persistedAt": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "digest": {
            "type": "object",
            "required": [
              "algorithm",
              "value"
            ],
            "properties": {
              "algorithm": {
                "type": "string",
                "const": "sha256"
              },
              "value": {
                "$ref": "#/components/schemas/Sha256"
              }
            }
          }
        }
      }
    }
  }
};
