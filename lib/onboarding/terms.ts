/**
 * The setup's terms, versioned: the text shown on /terms and summarised in the wizard. Changing the text means a
 * new TERMS_VERSION in contract.ts, so every recorded acceptance names the words the consumer saw. Browser-safe.
 */
import { TERMS_VERSION } from "./contract";

export { TERMS_VERSION };

export interface TermsSection {
  heading: string;
  paragraphs: string[];
}

export const TERMS_TITLE = "Onboard device setup terms";

/** The few points the wizard shows next to the checkbox. */
export const TERMS_SUMMARY: readonly string[] = [
  "The username and password you choose become the device's own Medium One account and are stored on the device.",
  "The device becomes yours only when it scans your pairing QR code; a box code alone owns nothing.",
  "We record that you accepted these terms: the version, the time, the device, the username and a keyed hash of your IP address, never the address itself.",
];

export const TERMS_SECTIONS: readonly TermsSection[] = [
  {
    heading: "1. What this service does",
    paragraphs: [
      "Onboard connects a device you have in front of you to the Medium One IoT cloud. It creates a Medium One user for the device with the username and password you choose, and hands those credentials to the device, sealed so that only that device can read them, through a QR code shown in your browser.",
    ],
  },
  {
    heading: "2. The device's credentials",
    paragraphs: [
      "The username and password belong to the device: they are stored on the device and used by it to send data to Medium One. Choose a password you do not use anywhere else.",
      "We do not keep your password. It is used once to create the device's Medium One user and is then stored only inside the encrypted credentials that the device collects; after the device confirms delivery, we delete those too.",
      "Anyone who holds the device can read what is stored on it. If you give the device away, ask support to release it first so that the next owner can set it up with their own credentials.",
    ],
  },
  {
    heading: "3. Who owns the device",
    paragraphs: [
      "The code on the box only identifies the device. Ownership is settled when the device itself scans a pairing QR code and proves, with a key built into it at the factory, that it is the device the code names. If several people start a setup of the same device, the setup the device completes first wins and the others end.",
      "After a factory reset you can pair the device again with its current username and password. Support can release a device, rotate a lost label, or re-pair a device after checking who you are.",
    ],
  },
  {
    heading: "4. What we record",
    paragraphs: [
      "For every setup attempt we keep a support code, a keyed hash of the code you typed, how far the attempt got and how it ended, so that support can help you. For your acceptance of these terms we keep the terms version, the time, the device, the username and a keyed hash of your IP address; we never store the IP address itself.",
      "Wi-Fi details you add to the pairing QR code stay in your browser: they are sealed into the QR code for the device and never sent to us.",
      "We keep these records while the device is registered to you and for up to one year after it is released, then delete them.",
    ],
  },
  {
    heading: "5. Medium One",
    paragraphs: [
      "The device's account lives at Medium One, which provides the IoT cloud the device sends its data to. Your use of that account, and the data the device sends, are also subject to Medium One's own terms and privacy notice.",
    ],
  },
  {
    heading: "6. Fair use and limits",
    paragraphs: [
      "To protect devices and the Medium One service, we limit how often codes can be tried, how many setups can be pending for one device and how many accounts can be created in a day. If you reach a limit, wait a while or contact support with your support code.",
    ],
  },
  {
    heading: "7. Changes and contact",
    paragraphs: [
      "When these terms change, they get a new version and the setup asks you to accept the new version. A setup already completed stays under the version you accepted.",
      "For help, contact the support team of the company that sold you the device and quote the support code shown during setup.",
    ],
  },
];
