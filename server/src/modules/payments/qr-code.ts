/** The QR code a desktop shopper scans (WeChat Native's code_url), drawn here so the storefront needs no QR library. */
import QRCode from 'qrcode';

/** A PNG data URL (the storefront's Content-Security-Policy allows data: images). */
export function qrCodeImage(text: string): Promise<string> {
  return QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
}
