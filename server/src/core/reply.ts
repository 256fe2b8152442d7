/**
 * How the API sends a JSON body. Reads go through express's res.json for its ETag and 304; a
 * write's reply (and any refusal of one) is sent as it is, since no client revalidates a POST and
 * hashing every reply for an ETag costs a digest.
 */
import type { Request, Response } from 'express';

export function sendJson(req: Request, res: Response, status: number, body: unknown): void {
  if (req.method === 'GET' || req.method === 'HEAD') {
    res.status(status).json(body);
    return;
  }
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}
