// paxray parsers: bytes in, typed log records out. Knows no directories,
// nodes or timelines (that is engine/), and prints nothing (that is report/).
//
//   std::string err;
//   auto in = paxray::open_input("observer.log.20240305102133123.zst", err);
//   paxray::LineChunker chunker(*in, 8 << 20, 64 << 20);
//   paxray::ChunkBuffer buf;
//   paxray::ChunkStats stats;
//   while (chunker.next(buf)) paxray::scan_chunk(buf.view(), paxray::LineFormat::kObText, {}, stats);
//
// Every function here is total: any byte sequence in, no crash, no UB.
#pragma once

#include "paxray/parsers/byte_stream.h"
#include "paxray/parsers/chunk_scan.h"
#include "paxray/parsers/kv.h"
#include "paxray/parsers/line_chunker.h"
#include "paxray/parsers/log_kind.h"
#include "paxray/parsers/node_hints.h"
#include "paxray/parsers/ob_line.h"
#include "paxray/parsers/timestamp.h"
