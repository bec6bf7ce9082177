export default {
  clock: {
    fast: 'Device clock {{offset}} fast',
    slow: 'Device clock {{offset}} slow',
    explain: "This device's clock is {{offset}} off the server's, more than the {{threshold}} minutes allowed. Times such as check-ins are judged by the server's receive time; please set the device's clock.",
    minutes: '{{minutes}} min {{seconds}} s',
    seconds: '{{seconds}} s',
  },
};
