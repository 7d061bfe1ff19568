#!/usr/bin/env python3
"""A stand-in for an OpenAI-compatible model server, for trying Troupe's
distribution and failover offline: it answers the research assistant's
prompts with fixed JSON after a fixed delay.

    scripts/fake-openai-server.py --port 8099 --delay-ms 300
    troupe run scenarios/research_assistant.json --base-url http://127.0.0.1:8099/v1

Standard library only; one thread per request; never for production.
"""
import argparse
import json
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ANSWERS = [
    ("Summarize the source", {"findings": ["Batteries shift energy in time."]}),
    ("Analyze the summaries", {
        "trends": [{"term": "storage", "sources": []}],
        "key_points": [{"text": "Batteries shift energy in time.", "source": ""}],
        "gaps": []}),
]
DEFAULT = {"summary": "Batteries trade cost for flexibility.",
           "claims": [], "gaps": [], "followup_query": ""}


def answer_for(body):
    for marker, answer in ANSWERS:
        if marker in body:
            return answer
    return DEFAULT


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        time.sleep(self.server.delay_s)
        reply = json.dumps({
            "id": "fake", "object": "chat.completion", "model": "fake",
            "choices": [{"index": 0, "finish_reason": "stop", "message": {
                "role": "assistant", "content": json.dumps(answer_for(body))}}],
            "usage": {"prompt_tokens": len(body) // 4, "completion_tokens": 40,
                      "total_tokens": len(body) // 4 + 40}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8099)
    parser.add_argument("--delay-ms", type=int, default=300)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.delay_s = args.delay_ms / 1000
    print(f"fake OpenAI-compatible server on http://127.0.0.1:{args.port}/v1, "
          f"{args.delay_ms} ms per answer", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
