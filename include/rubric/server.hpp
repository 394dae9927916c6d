// Stage 7, the service: rubric serve's store (SQLite or PostgreSQL), accounts, the JSON API and the pages, and
// the HTTP server in front of them (docs/serve.md).
#pragma once

#include "rubric/report.hpp"
#include "server/auth.hpp"
#include "server/http.hpp"
#include "server/service.hpp"
#include "server/store.hpp"
